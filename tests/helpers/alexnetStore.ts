/**
 * A model store (the folder DLTB_MODELS names) holding an untrained AlexNet
 * as `alexnet()` loads it: ImageNet weights cannot be had here, so the course
 * scripts that need them run on drawn weights (rng(0), reproducible).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { rng, save, alexnet } from '../../src/index.ts';
import { initializedNetwork } from '../../src/network/assembleNetwork.ts';

/** Create `store` and save an untrained AlexNet into it (244 MB: remove it after the test). */
export async function storeUntrainedAlexnet(store: string): Promise<string> {
  mkdirSync(store, { recursive: true });
  rng(0);
  await save(join(store, 'alexnet'), { net: initializedNetwork(alexnet('Weights', 'none')) });
  return store;
}

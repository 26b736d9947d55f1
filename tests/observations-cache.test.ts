/**
 * The decode cache (issue 11, item 3): it keeps only what a later pass will
 * read, and the memory it takes stays within its byte budget.
 */
import { describe, expect, it } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Categorical } from '../src/runtime/categorical.ts';
import { observationSource, sequentialBatches, type ObservationSource } from '../src/data/observations.ts';
import type { ImageSource } from '../src/data/observations.ts';
import type { RawPixels } from '../src/image/imread.ts';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
/** Full collections with turns of the event loop between, so freed backing stores are counted as freed. */
async function gc(): Promise<void> {
  for (let k = 0; k < 4; k++) {
    collect();
    await new Promise((r) => setImmediate(r));
  }
}

const H = 28;
const W = 28;

/** An image source that decodes a fresh buffer per read, as the decoders do, and counts reads. */
function countingSource(n: number): ImageSource & { reads: number } {
  return {
    reads: 0,
    numObservations: n,
    Labels: Categorical.fromStrings(Array.from({ length: n }, (_, i) => String(i % 10))),
    async readImageRawAt(i0: number): Promise<RawPixels> {
      this.reads++;
      const data = new Uint8Array(H * W);
      data.fill(i0 % 251);
      return { data, height: H, width: W, channels: 1 };
    },
  };
}

async function readAll(source: ObservationSource, check = false): Promise<void> {
  for (const batch of sequentialBatches(source.count, 128)) {
    const px = await source.readBatch(batch);
    if (check) batch.forEach((i, k) => expect(px[k * H * W]).toBe(i % 251));
  }
}

describe('decode cache', () => {
  it('keeps nothing for a one-pass read such as classify', async () => {
    const ds = countingSource(500);
    const source = observationSource('classify', ds, [H, W, 1]);
    await readAll(source);
    await readAll(source);
    expect(ds.reads).toBe(1000);
  });

  it('serves later passes from memory when the caller makes several', async () => {
    const ds = countingSource(500);
    const source = observationSource('trainNetwork', ds, [H, W, 1], null, { passes: 3 });
    for (let pass = 0; pass < 3; pass++) await readAll(source, true);
    expect(ds.reads).toBe(500);
  });

  it('caches nothing for non-repeatable reads (random augmentation)', async () => {
    const ds = { ...countingSource(100), repeatableReads: false };
    const source = observationSource('trainNetwork', ds, [H, W, 1], null, { passes: 3 });
    await readAll(source);
    await readAll(source);
    expect(ds.reads).toBe(200);
  });

  it('stays within its budget in real memory, not just in counted pixel bytes', async () => {
    const n = 20_000; // 15.7 MB of pixels
    const budget = 4 * 2 ** 20;
    const ds = countingSource(n);
    await gc();
    const before = process.memoryUsage();
    const source = observationSource('trainNetwork', ds, [H, W, 1], null, { passes: 2, cacheBytes: budget });
    await readAll(source);
    await gc();
    const after = process.memoryUsage();
    // The images live in typed arrays (memory outside the JS heap), so that is what is measured; the JS
    // heap's own noise under a loaded machine was larger than the budget. Caching everything would grow by 15.7 MB.
    const grown = after.arrayBuffers - before.arrayBuffers;
    expect(grown).toBeLessThan(budget + 2 * 2 ** 20);
    // It holds as many images as the budget allows, and the second pass reads only the others again.
    const fits = Math.floor((budget - 4 * n) / (H * W));
    await readAll(source, true);
    expect(ds.reads).toBe(2 * n - fits);
  });
});

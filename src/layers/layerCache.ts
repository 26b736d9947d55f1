/**
 * A layer's private cache: engine tensors it computes from its properties
 * (the mean image, batch-norm statistics) to avoid rebuilding them on each
 * call. Kept outside the layer object, keyed by identity, so a clone or a
 * saved file can never carry another layer's tensors; released with
 * `releaseLayerCache` (the owning network does it in releaseTensors).
 */
import { tf } from '../engine/tf.ts';

const caches = new WeakMap<object, Map<string, tf.Tensor>>();
// A layer dropped without releaseTensors still frees its tensors once collected.
const finalizer = new FinalizationRegistry<Map<string, tf.Tensor>>((cache) => {
  for (const t of cache.values()) if (!t.isDisposed) t.dispose();
});

/** The cached tensor under `key`, made (and kept) by `make` on first use. */
export function cachedTensor(owner: object, key: string, make: () => tf.Tensor): tf.Tensor {
  let cache = caches.get(owner);
  if (!cache) {
    caches.set(owner, (cache = new Map()));
    finalizer.register(owner, cache, owner);
  }
  let t = cache.get(key);
  if (!t || t.isDisposed) {
    t = tf.keep(tf.tidy(make));
    cache.set(key, t);
  }
  return t;
}

/** Dispose every cached tensor of `owner`. */
export function releaseLayerCache(owner: object): void {
  const cache = caches.get(owner);
  if (!cache) return;
  for (const t of cache.values()) t.dispose();
  caches.delete(owner);
  finalizer.unregister(owner);
}

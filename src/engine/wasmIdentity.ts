/**
 * The wasm backend's Identity kernel without the copy. tfjs clones every
 * tensor it keeps for a gradient (Engine.saveTensorsForBackwardMode →
 * clone → Identity), and the wasm kernel copies the data on the main
 * thread (about 1.4 ms of each course-CNN training step). Tensor data are
 * immutable, so the clone can share it, counted by reference, as the cpu
 * backend's Identity does (and the wasm backend's own Reshape).
 */
import * as tf from '@tensorflow/tfjs-core';

interface RefCounting { incRef(dataId: object): void }

export function shareDataInWasmIdentity(): void {
  if (!tf.getKernel(tf.Identity, 'wasm')) return;
  tf.unregisterKernel(tf.Identity, 'wasm');
  tf.registerKernel({
    kernelName: tf.Identity,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend }) => {
      const x = (inputs as tf.IdentityInputs).x as tf.TensorInfo;
      (backend as unknown as RefCounting).incRef(x.dataId);
      return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
    },
  });
}

/**
 * A gradient worker: holds a copy of the network's layers and, for each
 * step, computes loss, metric, gradients and batch-norm statistics on its
 * share of the mini-batch with the parameters it is sent.
 */
import { parentPort } from 'node:worker_threads';
import { tf } from '../../engine/tf.ts';
import { VariableDecoder } from '../../io/decoder.ts';
import '../../serializable.ts';
import type { Layer } from '../../layers/Layer.ts';
import type { Topology } from '../../network/topology.ts';
import { computeGradients } from '../gradientStep.ts';
import type { FromWorker, InitMessage, ToWorker } from './protocol.ts';

let net: (InitMessage & { topology: Topology }) | null = null;

function reply(m: FromWorker, transfer: ArrayBuffer[] = []): void {
  parentPort!.postMessage(m, transfer);
}

parentPort!.on('message', (m: ToWorker) => {
  try {
    if (m.type === 'init') {
      const decoded = new VariableDecoder(m.layers.vars, m.layers.blobs, 'worker').decode('layers') as Layer[];
      net = { ...m, topology: { layers: decoded, sources: m.sources } };
      reply({ type: 'ready' });
      return;
    }
    const { topology, counts, size, head, shapes, trained } = net!;
    const params = m.params.map((p, k) => tf.tensor(p, shapes[k]));
    const r = computeGradients(topology, counts, params, m.pixels, m.targets, m.n, size, head, trained);
    params.forEach((p) => p.dispose());
    const grads = r.grads.map((g) => g.dataSync().slice() as Float32Array);
    r.grads.forEach((g) => g.dispose());
    reply({ type: 'result', loss: r.loss, metric: r.metric, grads, stats: [...r.stats] }, grads.map((g) => g.buffer as ArrayBuffer));
  } catch (e) {
    reply({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
});

/**
 * The msesparse loss and its gradient, in closed form:
 *   E = (1/N) Σₙ Σₖ (yₖₙ − tₖₙ)²    squared error summed per sample, averaged over the N samples
 *     + λ · ½ Σ w²                  over both weight matrices (not biases)
 *     + β · Σᵢ KL(ρ ‖ ρ̂ᵢ)           ρ̂ᵢ = mean activation of hidden unit i.
 * (The first term is the "adjusted mean squared error" of MATLAB's documented
 * formula; a mean over all elements would be K times smaller and lets the
 * course's λ and β collapse every reconstruction to the mean image.)
 * Tensors are sample-major (N×input): a column-major input×N matrix is
 * exactly that layout, and so are the column-major weights read transposed.
 */
import { tf } from '../engine/tf.ts';
import { applyTransfer, transferDerivative, type TransferName } from './transfer.ts';
import { isWeight, paramCount, views, type Shapes } from './params.ts';

export interface LossSettings {
  encoder: TransferName;
  decoder: TransferName;
  l2: number;
  sparsity: number;
  proportion: number;
}

export interface LossTerms {
  mse: number;
  l2: number;
  sparsity: number;
  loss: number;
}

// ρ̂ is kept off 0 and 1 so the KL term stays finite (satlin units can be silent).
const RHO_EPS = 1e-10;

export class MseSparse {
  readonly shapes: Shapes;
  private readonly x: tf.Tensor2D;
  /** xᵀ, made once: matMul's transpose flags are naive loops on wasm, a plain matMul is XNNPACK. */
  private readonly xT: tf.Tensor2D;
  private readonly t: tf.Tensor2D;
  private readonly n: number;

  /** `x`, `t`: input×N column-major (already scaled). */
  constructor(x: Float64Array, t: Float64Array, shapes: Shapes, readonly settings: LossSettings) {
    this.shapes = shapes;
    this.n = x.length / shapes.input;
    this.x = tf.tensor2d(Float32Array.from(x), [this.n, shapes.input]);
    this.xT = tf.transpose(this.x);
    this.t = tf.tensor2d(Float32Array.from(t), [this.n, shapes.input]);
  }

  dispose(): void {
    this.x.dispose();
    this.xT.dispose();
    this.t.dispose();
  }

  /** Loss terms, and the gradient (same layout as w) when asked. */
  evaluate(w: Float64Array, withGradient = true): { terms: LossTerms; grad: Float64Array | null } {
    const { input, hidden } = this.shapes;
    const { encoder, decoder, l2, sparsity, proportion: rho } = this.settings;
    const p = views(w, this.shapes);
    const out = tf.tidy(() => {
      const W1t = tf.tensor2d(Float32Array.from(p.W1), [input, hidden]);
      const W2t = tf.tensor2d(Float32Array.from(p.W2), [hidden, input]);
      const z1 = tf.add(tf.matMul(this.x, W1t), tf.tensor1d(Float32Array.from(p.b1)));
      const h = applyTransfer(encoder, z1);
      const z2 = tf.add(tf.matMul(h, W2t), tf.tensor1d(Float32Array.from(p.b2)));
      const y = applyTransfer(decoder, z2);
      const err = tf.sub(y, this.t);
      const rhoHat = tf.clipByValue(tf.mean(h, 0), RHO_EPS, 1 - RHO_EPS);
      const kl = tf.add(tf.mul(rho, tf.log(tf.div(rho, rhoHat))), tf.mul(1 - rho, tf.log(tf.div(1 - rho, tf.sub(1, rhoHat)))));
      const scalars = [tf.div(tf.sum(tf.square(err)), this.n), tf.sum(kl)];
      if (!withGradient) return { scalars, grads: [] as tf.Tensor[] };
      const dz2 = tf.mul(tf.mul(err, 2 / this.n), transferDerivative(decoder, z2, y));
      // d/dρ̂ of β·KL, shared by every sample of the unit: ∂ρ̂/∂h = 1/N.
      const dKl = tf.mul(tf.add(tf.neg(tf.div(rho, rhoHat)), tf.div(1 - rho, tf.sub(1, rhoHat))), sparsity / this.n);
      const dh = tf.add(tf.matMul(dz2, tf.transpose(W2t)), dKl);
      const dz1 = tf.mul(dh, transferDerivative(encoder, z1, h));
      const grads = [tf.matMul(this.xT, dz1), tf.sum(dz1, 0), tf.matMul(tf.transpose(h), dz2), tf.sum(dz2, 0)];
      return { scalars, grads };
    });
    const [mse, kl] = out.scalars.map((s) => s.dataSync()[0]);
    let sumSq = 0;
    for (const m of [p.W1, p.W2]) for (const v of m) sumSq += v * v;
    const terms = { mse, l2: 0.5 * sumSq, sparsity: kl, loss: mse + l2 * 0.5 * sumSq + sparsity * kl };
    let grad: Float64Array | null = null;
    if (withGradient) {
      // Transposed-weight gradients (input×hidden row-major) are the column-major hidden×input ones.
      grad = new Float64Array(paramCount(this.shapes));
      let off = 0;
      for (const g of out.grads) {
        grad.set(g.dataSync(), off);
        off += g.size;
      }
      for (let k = 0; k < grad.length; k++) if (isWeight(k, this.shapes)) grad[k] += l2 * w[k];
    }
    tf.dispose([...out.scalars, ...out.grads]);
    return { terms, grad };
  }
}

/**
 * Gradient preparation (L2, thresholds) and the solvers' update rules, by hand.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { tf, useExecutionEnvironment } from '../src/engine/tf.ts';
import { prepareGradients, createSolver } from '../src/train/solvers.ts';
import { MArray, categorical, imageInputLayer, fullyConnectedLayer, softmaxLayer, classificationLayer, trainingOptions, trainNetwork } from '../src/index.ts';

beforeAll(async () => {
  await useExecutionEnvironment('auto');
});

const values = (t: tf.Tensor) => Array.from(t.dataSync());
const factors = [{ learnRateFactor: 1, l2Factor: 1 }, { learnRateFactor: 1, l2Factor: 0 }];

describe('prepareGradients', () => {
  const g = () => [tf.tensor([3, 4]), tf.tensor([0.5, -12])];
  const p = () => [tf.tensor([1, -1]), tf.tensor([2, 2])];

  it('adds λ·L2Factor·θ (none where the factor is 0)', () => {
    const [a, b] = prepareGradients(g(), p(), factors, 0.1, Infinity, 'l2norm');
    expect(values(a)).toEqual([expect.closeTo(3.1, 6), expect.closeTo(3.9, 6)]);
    expect(values(b)).toEqual([0.5, -12]);
  });

  it("'l2norm' rescales each parameter's gradient to norm ≤ threshold", () => {
    const [a, b] = prepareGradients(g(), p(), factors, 0, 2, 'l2norm');
    expect(values(a)).toEqual([expect.closeTo(1.2, 5), expect.closeTo(1.6, 5)]); // norm 5 → 2
    const nb = Math.hypot(0.5, 12);
    expect(values(b)).toEqual([expect.closeTo((0.5 * 2) / nb, 5), expect.closeTo((-12 * 2) / nb, 5)]);
  });

  it("'global-l2norm' rescales all gradients by one factor", () => {
    const norm = Math.hypot(3, 4, 0.5, 12);
    const [a, b] = prepareGradients(g(), p(), factors, 0, 6.5, 'global-l2norm');
    expect(values(a)[0]).toBeCloseTo((3 * 6.5) / norm, 5);
    expect(values(b)[1]).toBeCloseTo((-12 * 6.5) / norm, 5);
  });

  it("'absolute-value' clips each element", () => {
    const [a, b] = prepareGradients(g(), p(), factors, 0, 3.5, 'absolute-value');
    expect(values(a)).toEqual([3, 3.5]);
    expect(values(b)).toEqual([0.5, -3.5]);
  });
});

describe('solvers', () => {
  it('adam: the first step moves each weight by about α·factor against the gradient sign', () => {
    const solver = createSolver({ SolverName: 'adam', GradientDecayFactor: 0.9, SquaredGradientDecayFactor: 0.999, Epsilon: 1e-8 });
    const [p] = solver.step([tf.tensor([1, 1])], [tf.tensor([0.3, -5])], 0.01, [{ learnRateFactor: 2, l2Factor: 1 }]);
    // m̂ = g, v̂ = g² after one step → θ − α·factor·g/|g|.
    expect(values(p)).toEqual([expect.closeTo(0.98, 6), expect.closeTo(1.02, 6)]);
    solver.dispose();
  });

  it('rmsprop: v = (1−β)g², θ − α·g/(√v + ε)', () => {
    const solver = createSolver({ SolverName: 'rmsprop', SquaredGradientDecayFactor: 0.9, Epsilon: 1e-8 });
    const [p] = solver.step([tf.tensor([0])], [tf.tensor([2])], 0.1, [{ learnRateFactor: 1, l2Factor: 1 }]);
    expect(values(p)[0]).toBeCloseTo(-0.1 * 2 / Math.sqrt(0.1 * 4), 5);
    solver.dispose();
  });
});

describe('learning-rate schedule', () => {
  it("'piecewise' multiplies the rate by LearnRateDropFactor every LearnRateDropPeriod epochs", async () => {
    const X = MArray.from([1, 0, 0, 1, 1, 1, 0, 0], [1, 1, 2, 4], 'single');
    const Y = categorical(['a', 'b', 'a', 'b']);
    const [, info] = await trainNetwork(X, Y, [imageInputLayer([1, 1, 2], 'Normalization', 'none'), fullyConnectedLayer(2), softmaxLayer(), classificationLayer()],
      trainingOptions('sgdm', 'MaxEpochs', 5, 'MiniBatchSize', 4, 'Verbose', false, 'LearnRateSchedule', 'piecewise', 'LearnRateDropFactor', 0.5, 'LearnRateDropPeriod', 2));
    expect(Array.from(info.BaseLearnRate.data)).toEqual([0.01, 0.01, 0.005, 0.005, 0.0025]);
  });
});

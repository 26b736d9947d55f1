/**
 * Graph layers joining a fully connected output (N×K in the engine) with a
 * pooled 1×1×K activation (N×1×1×K): both are MATLAB's 1×1×K, so addition and
 * depth concatenation must accept them together (ONNX export found predict failing).
 */
import { describe, expect, it } from 'vitest';
import { tf } from '../src/engine/tf.ts';
import { additionLayer, depthConcatenationLayer } from '../src/layers/combinationLayers.ts';

describe('combination layers across engine ranks', () => {
  const fc = tf.tensor2d([[1, 2, 3], [4, 5, 6]]);
  const pooled = tf.tensor4d([10, 20, 30, 40, 50, 60], [2, 1, 1, 3]);
  it('additionLayer adds N×K and N×1×1×K', () => {
    const y = additionLayer(2).forwardInputs([fc, pooled]);
    expect(y.shape).toEqual([2, 1, 1, 3]);
    expect(Array.from(y.dataSync())).toEqual([11, 22, 33, 44, 55, 66]);
  });
  it('depthConcatenationLayer concatenates N×K and N×1×1×K along channels', () => {
    const y = depthConcatenationLayer(2).forwardInputs([pooled, fc]);
    expect(y.shape).toEqual([2, 1, 1, 6]);
    expect(Array.from(y.dataSync())).toEqual([10, 20, 30, 1, 2, 3, 40, 50, 60, 4, 5, 6]);
  });
});

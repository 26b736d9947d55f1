/**
 * Issue #11, item 21: how a 'same'-padded layer describes itself once
 * trained. MATLAB keeps "padding 'same'" in the one-line description of a
 * trained network's layers (its pretrained networks show, e.g.,
 * "64 3×3×64 convolutions with stride [1  1] and padding 'same'"), while
 * PaddingSize holds the resolved numbers; the layer array given to
 * trainNetwork stays untouched.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import {
  rng, imageInputLayer, convolution2dLayer, groupedConvolution2dLayer, reluLayer, maxPooling2dLayer, fullyConnectedLayer,
  softmaxLayer, classificationLayer, trainingOptions, trainNetwork,
} from '../src/index.ts';
import { displayText } from '../src/runtime/display.ts';
import { toyData } from './helpers/toyData.ts';

beforeAll(() => {
  delete process.env.DLTB_BACKEND;
});

describe("'same' padding in layer descriptions", () => {
  it("stays 'same' when the channel count is given before training", () => {
    expect(convolution2dLayer(3, 4, 'Padding', 'same', 'NumChannels', 3).describe())
      .toBe("4 3×3×3 convolutions with stride [1  1] and padding 'same'");
  });

  it("stays 'same' after training, with PaddingSize resolved, and the given layers untouched", async () => {
    const layers = [
      imageInputLayer([8, 8, 1]), convolution2dLayer(3, 4, 'Padding', 'same'), groupedConvolution2dLayer(3, 2, 'channel-wise', 'Padding', 'same'),
      reluLayer(), maxPooling2dLayer(3, 'Stride', 2, 'Padding', 'same'), fullyConnectedLayer(2), softmaxLayer(), classificationLayer(),
    ];
    const before = displayText('layers', layers);
    rng(1);
    const { X, Y } = toyData(16, 3);
    const [net] = await trainNetwork(X, Y, layers, trainingOptions('sgdm', 'MaxEpochs', 1, 'MiniBatchSize', 8, 'Verbose', false));
    const shown = displayText('ans', net.Layers).split('\n');
    expect(shown).toContain("     2   'conv'          Convolution             4 3×3×1 convolutions with stride [1  1] and padding 'same'");
    expect(shown).toContain("     3   'groupedconv'   Grouped Convolution     channel-wise 2 3×3×1 convolutions with stride [1  1] and padding 'same'");
    expect(shown).toContain("     5   'maxpool'       Max Pooling             3×3 max pooling with stride [2  2] and padding 'same'");
    const conv = net.Layers[1] as unknown as { PaddingMode: string; PaddingSize: number[] };
    expect([conv.PaddingMode, conv.PaddingSize]).toEqual(['same', [1, 1, 1, 1]]);
    const pool = net.Layers[4] as unknown as { PaddingSize: number[] };
    expect(pool.PaddingSize).toEqual([0, 1, 0, 1]);
    // The layer array passed in is not the network's: unresolved, as given.
    expect(displayText('layers', layers)).toBe(before);
    expect((layers[1] as unknown as { PaddingSize: number[]; NumChannels: unknown }).PaddingSize).toEqual([0, 0, 0, 0]);
    expect((layers[1] as unknown as { NumChannels: unknown }).NumChannels).toBe('auto');
  });
});

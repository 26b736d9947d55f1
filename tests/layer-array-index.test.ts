/**
 * MATLAB's `net.Layers(1).InputSize` as the translator writes it:
 * `at(net.Layers, 1)` is the layer itself (an object array's element), and a
 * range stays a layer array; a plain cell still indexes as a cell.
 */
import { describe, expect, it } from 'vitest';
import { at } from '../src/runtime/subsref.ts';
import { Cell } from '../src/runtime/cell.ts';
import { LayerArray } from '../src/network/LayerArray.ts';
import { imageInputLayer } from '../src/layers/imageInputLayer.ts';
import { reluLayer } from '../src/layers/activationLayers.ts';

describe('indexing a layer array', () => {
  const layers = LayerArray.fromLayers([imageInputLayer([28, 28, 1]), reluLayer(), reluLayer('Name', 'r2')]);
  it('layers(1) is the layer, so layers(1).InputSize works', () => {
    expect(at(layers, 1).InputSize).toEqual([28, 28, 1]);
  });
  it('layers(2:3) is a layer array of those layers', () => {
    const sub = at(layers, [2, 3]);
    expect(sub).toBeInstanceOf(LayerArray);
    expect([...sub].map((l: { Name: string }) => l.Name)).toEqual(['', 'r2']);
  });
  it('a cell indexed with () stays a cell', () => {
    expect(at(Cell.from([1, 2, 3]), 2)).toBeInstanceOf(Cell);
  });
});

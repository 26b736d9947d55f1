import { afterEach, describe, expect, it } from 'vitest';
import { propertiesDisplay } from '../src/runtime/propertiesDisplay.ts';
import {
  Categorical, close, confusionchart, figure, gca, imageInputLayer, fullyConnectedLayer, softmaxLayer, classificationLayer,
  layerGraph, assembleNetwork, ones, zeros,
} from '../src/index.ts';
import { useTempFiguresFolder } from './helpers/figures.ts';

useTempFiguresFolder('dltb-propdisplay-');
afterEach(() => close('all'));

describe('the one "with properties" builder', () => {
  it('right-aligns names over every group, heads groups, links to hidden properties', () => {
    const text = propertiesDisplay('XLayer', [
      { rows: [['Name', "'x'"]] },
      { heading: 'Hyperparameters', rows: [['NumFilters', '16']] },
      { heading: 'Empty', rows: [] },
      { heading: 'Learnable Parameters', rows: [['Weights', '[]']] },
    ], { link: 'Show all properties', newline: true });
    expect(text).toBe([
      '  XLayer with properties:', '',
      "          Name: 'x'", '',
      '   Hyperparameters',
      '    NumFilters: 16', '',
      '   Learnable Parameters',
      '       Weights: []', '',
      '  Show all properties', '',
    ].join('\n'));
  });

  it('continues a multi-line value under its first column, honours a least width and a given title', () => {
    expect(propertiesDisplay('', [['Files', ['{', " 'a';", " 'b'", '}']], ['ReadSize', '1']], { title: 'struct with fields:', nameWidth: 10 })).toBe([
      '  struct with fields:', '',
      '         Files: {',
      "                 'a';",
      "                 'b'",
      '                }',
      '      ReadSize: 1',
    ].join('\n'));
  });
});

describe('graphics and network displays through it', () => {
  it('Axes aligns its names as every MATLAB object display does', () => {
    figure();
    expect(gca().displayMatlab()).toBe("  Axes with properties:\n\n     Title: ''\n    Figure: 1\n");
  });

  it('Figure aligns on Position, as MATLAB does', () => {
    expect(figure('Name', 'abc').displayMatlab()).toBe("  Figure (1: abc) with properties:\n\n      Number: 1\n        Name: 'abc'\n");
  });

  it('ConfusionMatrixChart', () => {
    const ch = confusionchart(Categorical.fromStrings(['a', 'b', 'b']), Categorical.fromStrings(['a', 'a', 'b']), 'Title', 'AB');
    expect(ch.displayMatlab()).toBe("  ConfusionMatrixChart with properties:\n\n    NormalizedValues: [2×2 double]\n         ClassLabels: [2×1 categorical]\n               Title: 'AB'\n");
  });

  it('LayerGraph and DAGNetwork show the same four rows', () => {
    const fc = fullyConnectedLayer(2, 'Weights', ones(2, 4), 'Bias', zeros(2, 1));
    const lg = layerGraph([imageInputLayer([2, 2, 1], 'Normalization', 'none', 'Name', 'in'), fc, softmaxLayer(), classificationLayer('Classes', ['a', 'b'], 'Name', 'out')]);
    const rows = (n: string) => `  ${n} with properties:\n\n         Layers: [4×1 nnet.cnn.layer.Layer]\n    Connections: [3×2 table]\n     InputNames: {'in'}\n    OutputNames: {'out'}\n`;
    expect(lg.displayMatlab()).toBe(rows('LayerGraph'));
    expect(assembleNetwork(lg).displayMatlab()).toBe(rows('DAGNetwork'));
  });
});

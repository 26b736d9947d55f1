/**
 * The six ImageNet architectures with 'Weights','none': learnable totals and
 * layer counts of issue #7, MATLAB's names and properties, and a layer-by-layer
 * comparison with scripts/architectures_torch.py (whose learnable counts equal
 * the PyTorch models', checked by its default mode). analyzeNetwork works from the declared sizes, so no
 * weights are allocated except in the one alexnet forward pass.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import {
  alexnet, vgg16, vgg19, googlenet, resnet50, squeezenet, analyzeNetwork, classify, rng,
  LayerArray, LayerGraph, MArray, Layer, SeriesNetwork,
} from '../src/index.ts';
import { initializedNetwork } from '../src/network/assembleNetwork.ts';
import { captureOutput } from '../src/runtime/output.ts';
import { torchPython } from './helpers/torchPython.ts';
import { errorOf } from './helpers/errors.ts';

type Builder = (...nv: unknown[]) => unknown;
const NETWORKS: [string, Builder, number, number][] = [
  ['alexnet', alexnet, 25, 60_965_224],
  ['vgg16', vgg16, 41, 138_357_544],
  ['vgg19', vgg19, 47, 143_667_240],
  ['googlenet', googlenet, 144, 6_998_552],
  ['resnet50', resnet50, 177, 25_583_592],
  ['squeezenet', squeezenet, 68, 1_235_496],
];
const SERIES = new Set(['alexnet', 'vgg16', 'vgg19']);

/** analyzeNetwork's result, its printed table returned alongside. */
function analyzed(arch: unknown): { result: ReturnType<typeof analyzeNetwork>; printed: string } {
  let result!: ReturnType<typeof analyzeNetwork>;
  const printed = captureOutput(() => { result = analyzeNetwork(arch); });
  return { result, printed };
}

function layersOf(arch: unknown): Layer[] {
  return arch instanceof LayerGraph ? [...arch.Layers] : [...(arch as LayerArray)];
}

// ---- the reference listing (architectures_torch.py --listing NAME) ----

interface ListedLayer {
  name: string;
  type: string;
  description: string;
  activations: string;
  learnables: string[];
  factors: Map<string, number>;
}
interface Listing {
  layers: ListedLayer[];
  connections: [string, string][];
}

function parseListing(text: string): Listing {
  const layers: ListedLayer[] = [];
  const connections: [string, string][] = [];
  for (const line of text.split('\n')) {
    const row = /^\s*\d+\s+'([^']+)'\s+(.+?)\s{2,}(.+)$/.exec(line);
    const act = /^\s+activations (\S+)(?:\s+learnables: (.+?))?(?:\s+\(([^)]*)\))?$/.exec(line);
    const link = /^ {4}(\S+)\s+-> (\S+)$/.exec(line);
    if (row) layers.push({ name: row[1], type: row[2], description: row[3], activations: '', learnables: [], factors: new Map() });
    else if (act) {
      const l = layers[layers.length - 1];
      l.activations = act[1];
      l.learnables = act[2] ? act[2].split(/\s{2,}/) : [];
      for (const f of act[3]?.split(/\s{2,}/) ?? []) l.factors.set(f.split(' ')[0], Number(f.split(' ')[1]));
    } else if (link) connections.push([link[1], link[2]]);
  }
  return { layers, connections };
}

const SCRIPT = fileURLToPath(new URL('../scripts/architectures_torch.py', import.meta.url));
const listings = new Map<string, Listing>();

beforeAll(async () => {
  // One process for the six listings (each starts by importing torch).
  const { stdout } = await promisify(execFile)(torchPython(), [SCRIPT, '--listing', ...NETWORKS.map(([n]) => n)], { maxBuffer: 16 << 20 });
  for (const part of stdout.split(/^(?=\w+: \d+x1 layers)/m)) listings.set(part.slice(0, part.indexOf(':')), parseListing(part));
  expect([...listings.keys()]).toEqual(NETWORKS.map(([n]) => n));
}, 300_000);

/**
 * The reference description as an untrained layer shows it: no channel counts yet (MATLAB's NumChannels 'auto');
 * global pooling keeps the pre-R2022 wording, as the layer types here do ('Convolution', not '2-D Convolution').
 */
function untrainedDescription(d: string): string {
  return d.replace(/^2-D global average pooling$/, 'Global average pooling').replace(/^(\d+ (?:groups of \d+ )?\d+×\d+)×\d+ convolutions/, '$1 convolutions').replace(/^(Batch normalization) with \d+ channels$/, '$1');
}

describe.each(NETWORKS)('%s(\'Weights\',\'none\')', (name, build, layerCount, learnables) => {
  const arch = build('Weights', 'none');

  it(`is a ${SERIES.has(name) ? 'layer array' : 'layer graph'} whose analyzeNetwork total is ${learnables.toLocaleString('en')} in ${layerCount} layers`, () => {
    expect(arch).toBeInstanceOf(SERIES.has(name) ? LayerArray : LayerGraph);
    const { result, printed } = analyzed(arch);
    expect(result.TotalLearnables).toBe(learnables);
    expect(result.LayerInfo).toHaveLength(layerCount);
    expect(result.LayerInfo[layerCount - 1].Activations).toBe('1×1×1000');
    expect(printed).toContain(`with ${layerCount} layers`);
    expect(printed).toContain(`Total learnables: ${learnables}`);
  });

  it('matches architectures_torch.py layer by layer: names, types, descriptions, activations, learnables, factors, connections', () => {
    const ref = listings.get(name)!;
    const layers = layersOf(arch);
    const info = analyzed(arch).result.LayerInfo;
    expect(ref.layers).toHaveLength(layerCount);
    expect(layers.map((l) => l.Name)).toEqual(ref.layers.map((l) => l.name));
    expect(info.map((l) => l.Name)).toEqual(ref.layers.map((l) => l.name));
    ref.layers.forEach((r, i) => {
      const l = layers[i] as unknown as Record<string, unknown> & Layer;
      const where = `${name} layer ${i + 1} '${r.name}'`;
      expect(l.Type, where).toBe(r.type.replace(/^2-D /, ''));
      expect(l.describe(), where).toBe(untrainedDescription(r.description));
      expect(info[i].Activations, where).toBe(r.activations);
      expect(info[i].Learnables.map(([p, d]) => `${p} ${d.join('×')}`), where).toEqual(r.learnables);
      if ('BiasLearnRateFactor' in l) {
        expect(l.BiasLearnRateFactor, where).toBe(r.factors.get('BiasLearnRateFactor') ?? 1);
        expect(l.WeightL2Factor, where).toBe(r.factors.get('WeightL2Factor') ?? 1);
        expect([l.WeightLearnRateFactor, l.BiasL2Factor], where).toEqual([1, 0]);
      } else {
        expect(r.factors.size, where).toBe(0);
      }
    });
    if (arch instanceof LayerGraph) {
      const t = arch.Connections;
      const destinations = [...(t.variable('Destination') as Iterable<string>)];
      const rows = [...(t.variable('Source') as Iterable<string>)].map((s, k): [string, string] => [s, destinations[k]]);
      expect(rows).toEqual(ref.connections);
    }
  });

  it("has the 'zerocenter' input and the 1,000 ImageNet classes ('cellular telephone' is 488)", () => {
    const layers = layersOf(arch);
    const input = layers[0] as unknown as { Normalization: string; InputSize: number[]; Mean: unknown };
    expect(input.Normalization).toBe('zerocenter');
    expect(input.Mean).toBeNull();
    expect(input.InputSize).toEqual(name === 'alexnet' || name === 'squeezenet' ? [227, 227, 3] : [224, 224, 3]);
    const out = layers[layers.length - 1] as unknown as { ClassNames: string[] };
    expect(out.ClassNames).toHaveLength(1000);
    expect(out.ClassNames[0]).toBe('tench');
    expect(out.ClassNames[487]).toBe('cellular telephone');
    expect(out.ClassNames[999]).toBe('toilet tissue');
  });
});

describe('key layers', () => {
  const names = (arch: unknown) => layersOf(arch).map((l) => l.Name);

  it("alexnet: 'fc8' is layer 23 and 'drop7' layer 22 (the transfer-learning indices), grouped conv2/conv4/conv5 with two LRN", () => {
    const layers = layersOf(alexnet('Weights', 'none'));
    expect(layers[22].Name).toBe('fc8');
    expect(layers[21].Name).toBe('drop7');
    expect(layers.filter((l) => l.Type === 'Grouped Convolution').map((l) => l.Name)).toEqual(['conv2', 'conv4', 'conv5']);
    for (const l of layers.filter((x) => x.Type === 'Cross Channel Normalization')) {
      expect(l).toMatchObject({ WindowChannelSize: 5, Alpha: 1e-4, Beta: 0.75, K: 1 });
    }
  });

  it('vgg16 and vgg19 end with fc8, prob, output', () => {
    expect(names(vgg16('Weights', 'none')).slice(-3)).toEqual(['fc8', 'prob', 'output']);
    expect(names(vgg19('Weights', 'none'))[17]).toBe('conv3_4');
  });

  it('googlenet: nine inception modules joined by four-input concatenations, LRN K 1', () => {
    const g = googlenet('Weights', 'none');
    const cats = layersOf(g).filter((l) => l.Type === 'Depth concatenation');
    expect(cats.map((l) => l.Name)).toEqual(['3a', '3b', '4a', '4b', '4c', '4d', '4e', '5a', '5b'].map((m) => `inception_${m}-output`));
    expect(cats.every((l) => l.inputCount() === 4)).toBe(true);
    expect(g.Connections.height).toBe(170);
    expect(names(g).slice(-5)).toEqual(['pool5-7x7_s1', 'pool5-drop_7x7_s1', 'loss3-classifier', 'prob', 'output']);
    expect(layersOf(g).find((l) => l.Name === 'pool5-drop_7x7_s1')).toMatchObject({ Probability: 0.4 });
    expect(layersOf(g).find((l) => l.Name === 'conv2-norm2')).toMatchObject({ K: 1 });
  });

  it('resnet50: 16 additions, 49 ReLUs, batch norms with Epsilon 0.001, conv1 bias trained and the others not', () => {
    const g = resnet50('Weights', 'none');
    const layers = layersOf(g);
    expect(layers.filter((l) => l.Type === 'Addition').map((l) => l.Name)).toEqual(Array.from({ length: 16 }, (_, k) => `add_${k + 1}`));
    expect(layers.filter((l) => l.Type === 'ReLU').at(-1)!.Name).toBe('activation_49_relu');
    expect(layers.filter((l) => l.Type === 'Batch Normalization').every((l) => (l as unknown as { Epsilon: number }).Epsilon === 0.001)).toBe(true);
    const convs = layers.filter((l) => l.Type === 'Convolution') as unknown as { Name: string; BiasLearnRateFactor: number }[];
    expect(convs).toHaveLength(53);
    expect(convs.filter((c) => c.BiasLearnRateFactor !== 0).map((c) => c.Name)).toEqual(['conv1']);
    expect(g.Connections.height).toBe(192);
    expect([g.InputNames, g.OutputNames]).toEqual([['input_1'], ['ClassificationLayer_fc1000']]);
  });

  it("squeezenet: v1.1 with 'fire9-expand3x3' at 60 and 75 connections", () => {
    const g = squeezenet('Weights', 'none');
    expect(names(g)[59]).toBe('fire9-expand3x3');
    expect(g.Connections.height).toBe(75);
    expect(names(g).slice(-3)).toEqual(['pool10', 'prob', 'ClassificationLayer_predictions']);
  });
});

describe("the 'Weights' argument", () => {
  // An empty model store, whatever the user running the tests has installed.
  const savedStore = process.env.DLTB_MODELS;
  beforeAll(() => { process.env.DLTB_MODELS = mkdtempSync(join(tmpdir(), 'dltb-empty-store-')); });
  afterAll(() => { if (savedStore === undefined) delete process.env.DLTB_MODELS; else process.env.DLTB_MODELS = savedStore; });

  it.each(NETWORKS.map(([n, f]) => [n, f] as const))("%s() (the pretrained network) fails: weights not installed, use 'Weights','none'", (name, build) => {
    const e = errorOf(() => build());
    expect(e.identifier).toBe(`${name}:pretrainedNotInstalled`);
    expect(e.message).toContain('not installed');
    expect(e.message).toContain(`${name}('Weights','none')`);
  });

  it("alexnet('Weights','imagenet') and googlenet('Weights','places365') fail the same way", () => {
    expect(errorOf(() => alexnet('Weights', 'imagenet')).identifier).toBe('alexnet:pretrainedNotInstalled');
    expect(errorOf(() => googlenet('weights', 'Places')).message).toContain("('Weights','places365')");
  });

  it('takes names and values case-insensitively, with unambiguous prefixes', () => {
    expect(alexnet('weights', 'NONE')).toHaveLength(25);
    expect(layersOf(squeezenet('W', 'n'))).toHaveLength(68);
  });

  it('rejects unknown values and names, and unpaired arguments', () => {
    expect(errorOf(() => vgg16('Weights', 'random')).message).toMatch(/'imagenet', 'none'/);
    expect(errorOf(() => googlenet('Weights', 'random')).message).toMatch(/'imagenet', 'places365', 'none'/);
    expect(errorOf(() => resnet50('Pretrained', 'none')).identifier).toBe('resnet50:unrecognizedParameter');
    expect(errorOf(() => alexnet('Weights')).identifier).toBe('alexnet:invalidNameValue');
    expect(errorOf(() => alexnet('Weights', 5)).identifier).toBe('alexnet:invalidType');
  });
});

describe('an untrained alexnet, initialized, classifies one image', () => {
  it('gives a 1×1000 probability row summing to 1 and a label among the ImageNet classes; the layers given stay untrained', async () => {
    rng(0);
    const layers = alexnet('Weights', 'none');
    const net = initializedNetwork(layers);
    expect(net).toBeInstanceOf(SeriesNetwork);
    expect((layers.get(2) as unknown as { Weights: unknown }).Weights).toBeNull();
    const conv1 = net.Layers.get(2) as unknown as { Weights: MArray; Bias: MArray };
    expect(conv1.Weights.dims).toEqual([11, 11, 3, 96]);
    expect(conv1.Bias.data.every((b) => b === 0)).toBe(true);
    const pixels = new Float32Array(227 * 227 * 3).map((_, i) => (i * 7919) % 256);
    const [label, scores] = await classify(net, MArray.from(pixels, [227, 227, 3, 1], 'single'));
    expect(scores.dims).toEqual([1, 1000]);
    const p = Array.from(scores.data);
    expect(p.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    const names = net.classNames;
    expect(label.toStrings()).toEqual([names[p.indexOf(Math.max(...p))]]);
  });
});

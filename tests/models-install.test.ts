/**
 * `dltb models install` end to end against a local HTTP server on 127.0.0.1:
 * it serves a full-width BVLC AlexNet ONNX file exported by PyTorch
 * (scripts/bvlc_alexnet_onnx.py, untrained weights) into a temporary model
 * store ($DLTB_MODELS). Then `alexnet()` classifies with the installed weights,
 * checked against ONNX Runtime running the same file on the same image
 * through the BGR/mean conversion; and each failure (checksum, a connection
 * dropped halfway, an unreachable host, a wrong --file) is a clear error that
 * leaves nothing installed.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, existsSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import * as ort from 'onnxruntime-node';
import { alexnet, classify, predict, MArray, SeriesNetwork } from '../src/index.ts';
import { installModel } from '../src/models/install.ts';
import { modelStore } from '../src/models/store.ts';
import { BVLC_MEAN_RGB } from '../src/models/zoo.ts';
import { decodeModel, encodeModel, toNumber } from '../src/onnx/protobuf.ts';
import { torchPython } from './helpers/torchPython.ts';
import { expectMatlabError } from './helpers/errors.ts';

const SCRIPT = resolve(import.meta.dirname, '../scripts/bvlc_alexnet_onnx.py');
const BIN = resolve(import.meta.dirname, '../bin/dltb.js');
const dir = mkdtempSync(join(tmpdir(), 'dltb-models-'));
const store = join(dir, 'store');
const full = join(dir, 'alexnet-full.onnx');
const small = join(dir, 'alexnet-small.onnx');
let bytes: Buffer;
let sha: string;
let corruptSha: string;
let base: string;
let server: http.Server;
/** Requests each path has had (the flaky path drops its first). */
const hits = new Map<string, number>();
const savedEnv = process.env.DLTB_MODELS;

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A fake terminal for the progress bar. */
function terminal() {
  const out: string[] = [];
  return { out, stream: { isTTY: true, columns: 120, write: (s: string) => out.push(s) } };
}

const storeFiles = () => (existsSync(store) ? readdirSync(store) : []);

beforeAll(async () => {
  const py = torchPython();
  execFileSync(py, [SCRIPT, '--out', full, '--width-divisor', '1', '--seed', '7', '--opset', '12'], { stdio: 'ignore', timeout: 300_000 });
  execFileSync(py, [SCRIPT, '--out', small, '--width-divisor', '16', '--fc-width', '64', '--classes', '10', '--seed', '1'], { stdio: 'ignore', timeout: 300_000 });
  bytes = readFileSync(full);
  sha = sha256(bytes);
  const corrupt = Buffer.from(bytes);
  corrupt[corrupt.length >> 1] ^= 0xff;
  corruptSha = sha256(corrupt);
  server = http.createServer((req, res) => {
    const path = req.url ?? '';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path === '/mirror/bvlcalexnet.onnx') {
      res.writeHead(200, { 'content-length': bytes.length });
      res.end(bytes);
    } else if (path === '/corrupt.onnx') {
      res.writeHead(200, { 'content-length': corrupt.length });
      res.end(corrupt);
    } else if (path === '/flaky.onnx' && hits.get(path) === 1) {
      // Half the file, then the connection drops.
      res.writeHead(200, { 'content-length': bytes.length });
      res.write(bytes.subarray(0, bytes.length >> 1), () => res.socket?.destroy());
    } else if (path === '/flaky.onnx') {
      // The retry is redirected, as GitHub's raw URLs are.
      res.writeHead(302, { location: '/mirror/bvlcalexnet.onnx' });
      res.end();
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.DLTB_MODELS = store;
}, 600_000);

afterAll(async () => {
  if (savedEnv === undefined) delete process.env.DLTB_MODELS;
  else process.env.DLTB_MODELS = savedEnv;
  await new Promise((r) => server?.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('dltb models install alexnet, against a 127.0.0.1 server', () => {
  it('without weights installed, alexnet names the install command', () => {
    expect(modelStore()).toBe(store);
    expectMatlabError(() => alexnet(), 'alexnet:pretrainedNotInstalled',
      'alexnet requires its pretrained weights', '"npx dltb models install alexnet" (downloads 244 MB from the ONNX Model Zoo)',
      '"npx dltb models install alexnet --file bvlcalexnet-12.onnx"', store);
  });

  it('a checksum mismatch is a clear error and installs nothing', async () => {
    const e = await expectMatlabError(installModel('alexnet', { url: `${base}/corrupt.onnx`, sha256: sha, log: () => {}, stream: terminal().stream }),
      'models:checksumMismatch', `not the expected ${sha}`, 'Nothing was installed', '--file bvlcalexnet-12.onnx');
    expect(e.message).toContain(`has SHA-256 ${corruptSha}`);
    expect(storeFiles()).toEqual([]);
  });

  it('a connection dropped halfway is a clear error and installs nothing; the retry succeeds, with a progress bar', async () => {
    await expectMatlabError(installModel('alexnet', { url: `${base}/flaky.onnx`, sha256: sha, log: () => {}, stream: terminal().stream }),
      'models:downloadInterrupted', 'interrupted after', 'of 243.9 MB', 'Run the command again to retry', 'Nothing was installed');
    expect(storeFiles()).toEqual([]);

    const { out, stream } = terminal();
    const lines: string[] = [];
    const m = await installModel('alexnet', { url: `${base}/flaky.onnx`, sha256: sha, log: (l) => lines.push(l), stream });
    expect(hits.get('/flaky.onnx')).toBe(2);
    expect(hits.get('/mirror/bvlcalexnet.onnx')).toBe(1);
    const drawn = out.join('');
    expect(drawn).toContain('\rDownloading bvlcalexnet-12.onnx (MB) [░░░░░░░░░░░░░░░░░░░░] 0% 0/244');
    expect(drawn).toContain('█'.repeat(20));
    expect(drawn).toMatch(/\[█{20}\] 100% 244\/244 in \d\d:\d\d:\d\d\x1b\[K\n$/);
    expect(lines[0]).toBe(`Downloading alexnet (244 MB) from ${base}/flaky.onnx`);
    expect(lines[1]).toMatch(/^Converted into MATLAB's alexnet in [\d.]+ s and saved in [\d.]+ s: .*alexnet\.mat \(244 MB\)\.$/);
    expect(m.file).toBe(join(store, 'alexnet.mat'));
    expect(storeFiles().sort()).toEqual(['alexnet.json', 'alexnet.mat']);
    expect(m.info).toMatchObject({ name: 'alexnet', sha256: sha, bytes: bytes.length, from: `${base}/flaky.onnx` });
  }, 300_000);

  it('alexnet() loads the installed network and classifies as ONNX Runtime does on the same file (BGR, minus the BVLC mean)', async () => {
    const t0 = performance.now();
    const net = alexnet();
    const seconds = (performance.now() - t0) / 1000;
    console.log(`alexnet() loaded the installed network (${(statSync(join(store, 'alexnet.mat')).size / 1e6).toFixed(0)} MB) in ${seconds.toFixed(2)} s`);
    expect(net).toBeInstanceOf(SeriesNetwork);
    expect(net.Layers.length).toBe(25);
    const input = net.Layers.get(1) as unknown as { InputSize: number[]; Normalization: string; Mean: MArray };
    expect(input.InputSize).toEqual([227, 227, 3]);
    expect(input.Normalization).toBe('zerocenter');
    expect(Array.from(input.Mean.data)).toEqual(Array.from(Float32Array.from(BVLC_MEAN_RGB)));
    const classes = (net.Layers.get(25) as unknown as { Classes: string[] }).Classes;
    expect(classes.length).toBe(1000);
    expect(classes.slice(0, 2)).toEqual(['tench', 'goldfish']);

    // An image: smooth colour ramps plus noise, 0–255, H×W×C column-major (MATLAB's layout).
    const [h, w] = [227, 227];
    const img = new Float32Array(h * w * 3);
    let s = 12345;
    const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let c = 0; c < 3; c++) for (let x = 0; x < w; x++) for (let y = 0; y < h; y++) {
      img[y + h * (x + w * c)] = Math.round(Math.min(255, Math.max(0, 128 + 90 * Math.sin((y + 2 * x) / (20 + 9 * c)) + 40 * (rand() - 0.5))));
    }
    const scores = await predict(net, MArray.from(img, [h, w, 3, 1], 'single'));
    const [label] = await classify(net, MArray.from(img, [h, w, 3, 1], 'single'));

    // ONNX Runtime on the served file, its input widened from 224 to 227 (conv1 then gives 55, and
    // ceil-mode pooling the same 27, 13, 6 as MATLAB's floor pooling), fed N×C×H×W BGR minus the mean.
    const model = decodeModel('test', bytes, 'alexnet-full.onnx');
    const dims = model.graph!.input![0].type!.tensorType!.shape!.dim!;
    expect(dims.map((d) => toNumber(d.dimValue))).toEqual([1, 3, 224, 224]);
    dims[2].dimValue = 227;
    dims[3].dimValue = 227;
    const session = await ort.InferenceSession.create(encodeModel('test', model));
    const nchw = new Float32Array(3 * h * w);
    const meanBgr = [BVLC_MEAN_RGB[2], BVLC_MEAN_RGB[1], BVLC_MEAN_RGB[0]];
    for (let c = 0; c < 3; c++) for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
      nchw[(c * h + y) * w + x] = img[y + h * (x + w * (2 - c))] - meanBgr[c];
    }
    const result = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', nchw, [1, 3, h, w]) });
    const ref = result[session.outputNames[0]].data as Float32Array;
    expect(ref.length).toBe(1000);
    expect(scores.dims).toEqual([1, 1000]);
    const maxRef = Math.max(...ref);
    const worst = Math.max(...Array.from(ref, (r, i) => Math.abs(r - scores.data[i])));
    console.log(`installed alexnet vs ONNX Runtime: max |Δscore| ${worst.toExponential(2)}, top score ${maxRef.toFixed(4)}`);
    // The untrained file's scores spread (not a uniform or saturated softmax), so the check can fail.
    expect(maxRef).toBeGreaterThan(0.01);
    expect(maxRef).toBeLessThan(0.99);
    expect(worst).toBeLessThan(1e-4 * Math.max(1, maxRef));
    const top = ref.indexOf(maxRef);
    expect(label.toStrings()[0]).toBe(readFileSync(resolve(import.meta.dirname, '../src/architectures/data/imagenetClasses.txt'), 'utf8').split('\n')[top]);
  }, 300_000);

  it('an unreachable host is a clear error suggesting --file', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const before = statSync(join(store, 'alexnet.mat')).mtimeMs;
    await expectMatlabError(installModel('alexnet', { url: `http://127.0.0.1:${port}/bvlcalexnet-12.onnx`, log: () => {} }),
      'models:unreachable', `Unable to reach 127.0.0.1:${port} (ECONNREFUSED)`, 'Nothing was installed',
      '"npx dltb models install alexnet --file bvlcalexnet-12.onnx"');
    expect(statSync(join(store, 'alexnet.mat')).mtimeMs).toBe(before);
  });

  it('--file with a wrong file is a clear error, and the installed network stays as it was', async () => {
    const installed = sha256(readFileSync(join(store, 'alexnet.mat')));
    const junk = join(dir, 'bvlcalexnet-12.onnx');
    writeFileSync(junk, 'not an ONNX file\n');
    const junkSha = sha256(readFileSync(junk));
    // Not the zoo's file: its checksum says so, and how to accept another file.
    await expectMatlabError(installModel('alexnet', { file: junk, log: () => {} }),
      'models:checksumMismatch', `'${junk}' is not the expected bvlcalexnet-12.onnx (243863787 bytes`, `it has 17 bytes, SHA-256 ${junkSha}`, `--sha256 ${junkSha}`);
    // Accepted by checksum, but not ONNX.
    await expectMatlabError(installModel('alexnet', { file: junk, sha256: junkSha, log: () => {} }), 'models:invalidFile', 'is not an ONNX');
    // ONNX, but another architecture (a reduced-width AlexNet).
    await expectMatlabError(installModel('alexnet', { file: small, sha256: sha256(readFileSync(small)), log: () => {} }),
      'models:architectureMismatch', "does not fit layer 'conv1'", 'weights 6×3×11×11 in the file, 96×3×11×11 expected');
    await expectMatlabError(installModel('alexnet', { file: join(dir, 'missing.onnx'), log: () => {} }), 'models:cannotReadFile', 'Unable to find file');
    expect(sha256(readFileSync(join(store, 'alexnet.mat')))).toBe(installed);
    expect(storeFiles().sort()).toEqual(['alexnet.json', 'alexnet.mat']);
  }, 120_000);

  it('--file with the right file installs without a download', async () => {
    const before = statSync(join(store, 'alexnet.mat')).mtimeMs;
    const m = await installModel('alexnet', { file: full, sha256: sha, log: () => {} });
    expect(m.info).toMatchObject({ from: full, sha256: sha });
    expect(statSync(m.file).mtimeMs).toBeGreaterThan(before);
    expect(storeFiles().sort()).toEqual(['alexnet.json', 'alexnet.mat']);
  }, 120_000);

  it('the command line: models list shows the store, what is installed and its size; a failed install exits 1 with MATLAB\'s error', () => {
    const env = { ...process.env, DLTB_MODELS: store };
    const list = spawnSync(process.execPath, [BIN, 'models', 'list'], { encoding: 'utf8', env, timeout: 120_000 });
    expect(list.status).toBe(0);
    expect(list.stdout).toContain(`Model store: ${store}`);
    expect(list.stdout).toMatch(new RegExp(`alexnet +installed +244 MB +${join(store, 'alexnet.mat').replace(/[.]/g, '\\.')}`));
    expect(list.stdout).toMatch(/googlenet +not installed +npx dltb models install googlenet +downloads 28 MB \(googlenet-12\.onnx\)/);
    const bad = spawnSync(process.execPath, [BIN, 'models', 'install', 'alexnet', '--url', 'http://127.0.0.1:1/x.onnx'], { encoding: 'utf8', env, timeout: 120_000 });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('Error using models\nUnable to reach 127.0.0.1:1 (ECONNREFUSED)');
    const unknown = spawnSync(process.execPath, [BIN, 'models', 'install', 'lenet'], { encoding: 'utf8', env, timeout: 120_000 });
    expect(unknown.stderr).toContain("Unknown pretrained network 'lenet'. Available: alexnet, googlenet, vgg16, vgg19, resnet50, squeezenet.");
  }, 300_000);
});

describe('the model store folder', () => {
  it('is $DLTB_MODELS, else $XDG_CACHE_HOME/dltb/models, else ~/.cache/dltb/models', () => {
    const env = { ...process.env };
    try {
      process.env.DLTB_MODELS = '/x/models';
      expect(modelStore()).toBe('/x/models');
      delete process.env.DLTB_MODELS;
      process.env.XDG_CACHE_HOME = '/y/cache';
      expect(modelStore()).toBe('/y/cache/dltb/models');
      delete process.env.XDG_CACHE_HOME;
      expect(modelStore()).toBe(join(process.env.HOME ?? '', '.cache', 'dltb', 'models'));
    } finally {
      process.env.DLTB_MODELS = env.DLTB_MODELS;
      if (env.XDG_CACHE_HOME === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = env.XDG_CACHE_HOME;
    }
  });
});

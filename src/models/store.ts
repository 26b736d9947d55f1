/**
 * The model store, where `dltb models install` puts pretrained networks (as
 * MATLAB's support packages install theirs): one folder per user,
 * $DLTB_MODELS, else $XDG_CACHE_HOME/dltb/models, else ~/.cache/dltb/models.
 * Each network is `<name>.mat` in this toolbox's save format (variable `net`),
 * beside `<name>.json` describing where its weights came from.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { loadSync } from '../io/saveload.ts';
import { matlabError } from '../runtime/errors.ts';
import type { Network } from '../network/Network.ts';

/** What `<name>.json` records about an installed network. */
export interface InstalledInfo {
  name: string;
  /** The ONNX file's name, its SHA-256 and size, and the URL or local path it came from. */
  sourceFile: string;
  sha256: string;
  bytes: number;
  from: string;
  provenance: string;
  /** How the network was made: MATLAB's architecture with the file's weights, or the file's graph imported. */
  network: string;
  installed: string;
}

export interface InstalledModel {
  name: string;
  file: string;
  bytes: number;
  info: InstalledInfo | null;
}

/** The store folder (not created here: only an install writes into it). */
export function modelStore(): string {
  const env = process.env.DLTB_MODELS;
  if (env) return path.resolve(env);
  const cache = process.env.XDG_CACHE_HOME ? path.resolve(process.env.XDG_CACHE_HOME) : path.join(homedir(), '.cache');
  return path.join(cache, 'dltb', 'models');
}

export function networkFile(name: string, store = modelStore()): string {
  return path.join(store, `${name}.mat`);
}

export function infoFile(name: string, store = modelStore()): string {
  return path.join(store, `${name}.json`);
}

/** The installed network `name`, or undefined when the store lacks it. */
export function installedModel(name: string, store = modelStore()): InstalledModel | undefined {
  const file = networkFile(name, store);
  if (!existsSync(file)) return undefined;
  let info: InstalledInfo | null = null;
  try {
    info = JSON.parse(readFileSync(infoFile(name, store), 'utf8')) as InstalledInfo;
  } catch {
    // The description is informative only: the network file decides what is installed.
  }
  return { name, file, bytes: statSync(file).size, info };
}

/** Load an installed network synchronously; undefined when it is not installed. */
export function loadInstalledNetwork(fn: string, name: string): Network | undefined {
  const model = installedModel(name);
  if (!model) return undefined;
  const { net } = loadSync(model.file, 'net');
  if (!net || typeof net !== 'object' || typeof (net as Network).Layers === 'undefined') {
    matlabError(`${fn}:corruptPretrained`, `The installed ${name} network '${model.file}' holds no network. Reinstall it with "npx dltb models install ${name}".`);
  }
  return net as Network;
}

/**
 * One file over HTTP(S) into memory, with Node's own http/https: redirects
 * followed (GitHub's raw URLs answer 302 to media.githubusercontent.com), an
 * idle timeout, a progress bar, and the size and SHA-256 checked as the bytes
 * arrive. Nothing touches the disk here: a download that stops or fails its
 * check leaves nothing behind, and the installer writes only verified,
 * converted networks (through the one atomic writer).
 */
import http from 'node:http';
import https from 'node:https';
import { createHash } from 'node:crypto';
import { matlabError } from '../runtime/errors.ts';
import { ProgressBar, type ProgressStream } from '../runtime/progressBar.ts';

export interface DownloadOptions {
  /** Names the download in the progress bar and in errors ('alexnet'). */
  label: string;
  /** Expected size in bytes (checked against Content-Length and the bytes received). */
  size?: number;
  /** Expected SHA-256, lowercase hex. */
  sha256?: string;
  /** What an error suggests instead ("npx dltb models install alexnet --file bvlcalexnet-12.onnx"). */
  fileHint: string;
  stream?: ProgressStream;
  /** Milliseconds without any byte before giving up (default 60 s). */
  idleTimeoutMs?: number;
  maxRedirects?: number;
}

/** Network failures that mean the host could not be reached at all. */
const UNREACHABLE = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET_BEFORE_RESPONSE']);

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The file at `url`, verified; MATLAB-style errors say what went wrong and that nothing was installed. */
export async function download(url: string, opts: DownloadOptions): Promise<Buffer> {
  const bytes = await fetchFollowing(url, opts, opts.maxRedirects ?? 5);
  if (opts.sha256) {
    const got = sha256Hex(bytes);
    if (got !== opts.sha256.toLowerCase()) {
      matlabError('models:checksumMismatch',
        `The file downloaded from ${url} has SHA-256 ${got}, not the expected ${opts.sha256.toLowerCase()}: it is corrupt or not the expected file. ` +
        `Nothing was installed. Run the command again, or install from a file you obtained another way: ${opts.fileHint}.`);
    }
  }
  return bytes;
}

function fetchFollowing(url: string, opts: DownloadOptions, redirectsLeft: number): Promise<Buffer> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.reject(errorFor('models:invalidUrl', `'${url}' is not a valid URL.`, opts));
  }
  const client = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : undefined;
  if (!client) return Promise.reject(errorFor('models:invalidUrl', `Unsupported URL '${url}': only http and https can be downloaded.`, opts));
  const idle = opts.idleTimeoutMs ?? 60_000;

  return new Promise<Buffer>((resolve, reject) => {
    let settled = false;
    let responded = false;
    const fail = (e: unknown) => {
      if (settled) return;
      settled = true;
      req.destroy();
      reject(e);
    };
    const req = client.get(target, { headers: { 'user-agent': 'dltb-models', accept: '*/*' } }, (res) => {
      responded = true;
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        settled = true;
        req.destroy();
        if (redirectsLeft <= 0) return reject(errorFor('models:downloadFailed', `Too many redirects downloading ${url}.`, opts));
        return resolve(fetchFollowing(new URL(res.headers.location, target).href, opts, redirectsLeft - 1));
      }
      if (status !== 200) {
        res.resume();
        return fail(errorFor('models:downloadFailed', `The server answered ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''} for ${url}.`, opts));
      }
      const announced = res.headers['content-length'] !== undefined ? Number(res.headers['content-length']) : undefined;
      if (opts.size !== undefined && announced !== undefined && announced !== opts.size) {
        res.resume();
        return fail(errorFor('models:sizeMismatch', `The server offers ${announced} bytes at ${url}, not the expected ${opts.size}: it is not the expected file.`, opts));
      }
      const total = opts.size ?? announced;
      const body = new Body(total);
      const steps = Math.max(1, Math.ceil((total ?? 0) / 1e6));
      const bar = new ProgressBar({ total: steps, label: `Downloading ${opts.label} (MB)`, stream: opts.stream });
      res.on('data', (chunk: Buffer) => {
        if (settled) return;
        if (!body.add(chunk)) {
          return fail(errorFor('models:sizeMismatch', `The download from ${url} is larger than the expected ${total} bytes: it is not the expected file.`, opts));
        }
        if (total) bar.update(Math.floor(body.length / 1e6));
      });
      res.on('end', () => {
        if (settled) return;
        if (total !== undefined && body.length !== total) {
          return fail(interrupted(url, body.length, total, opts));
        }
        settled = true;
        bar.update(steps);
        bar.finish();
        resolve(body.bytes());
      });
      // A connection that drops mid-body ends in 'error' (aborted) or a 'close' without 'end'.
      res.on('error', () => fail(interrupted(url, body.length, total, opts)));
      res.on('close', () => {
        if (!res.complete) fail(interrupted(url, body.length, total, opts));
      });
    });
    req.setTimeout(idle, () => fail(
      responded
        ? errorFor('models:downloadInterrupted', `The download from ${url} stalled: nothing arrived for ${idle / 1000} s. Run the command again to retry.`, opts)
        : unreachable(target, 'ETIMEDOUT', opts)));
    req.on('error', (e: NodeJS.ErrnoException) => {
      const code = e.code === 'ECONNRESET' && !responded ? 'ECONNRESET_BEFORE_RESPONSE' : e.code ?? '';
      fail(UNREACHABLE.has(code) && !responded ? unreachable(target, e.code ?? code, opts) : errorFor('models:downloadFailed', `Downloading ${url} failed: ${e.message}.`, opts));
    });
  });
}

/** The body's bytes: one buffer of the announced size (no copy at the end), else chunks. */
class Body {
  private readonly whole: Buffer | undefined;
  private readonly chunks: Buffer[] = [];
  length = 0;

  constructor(private readonly total: number | undefined) {
    this.whole = total !== undefined ? Buffer.allocUnsafe(total) : undefined;
  }

  /** False when the chunk would exceed the expected size. */
  add(chunk: Buffer): boolean {
    if (this.total !== undefined && this.length + chunk.length > this.total) return false;
    if (this.whole) chunk.copy(this.whole, this.length);
    else this.chunks.push(chunk);
    this.length += chunk.length;
    return true;
  }

  bytes(): Buffer {
    return this.whole ?? Buffer.concat(this.chunks, this.length);
  }
}

function errorFor(id: string, what: string, opts: DownloadOptions): Error {
  try {
    return matlabError(id, `${what} Nothing was installed. You can also install from a file you obtained another way: ${opts.fileHint}.`);
  } catch (e) {
    return e as Error;
  }
}

function interrupted(url: string, got: number, total: number | undefined, opts: DownloadOptions): Error {
  const of = total !== undefined ? ` of ${mb(total)}` : '';
  return errorFor('models:downloadInterrupted',
    `The download from ${url} was interrupted after ${mb(got)}${of}: the connection closed. Run the command again to retry.`, opts);
}

function unreachable(target: URL, code: string, opts: DownloadOptions): Error {
  return errorFor('models:unreachable', `Unable to reach ${target.host} (${code}): this machine may be offline or the host may be blocked.`, opts);
}

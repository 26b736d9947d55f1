/**
 * The on-disk container written by `save`:
 *
 *   offset 0   magic "DLTBMAT1" (8 bytes; the final digit is the format version)
 *   offset 8   uint64 LE  H = byte length of the JSON header
 *   offset 16  uint64 LE  total file length (lets load tell "truncated" from "corrupt")
 *   offset 24  JSON header (UTF-8, H bytes), zero-padded to a multiple of 8
 *   data       blobs, each starting on an 8-byte boundary, zero-padded
 *   end        SHA-256 (32 bytes) of every byte before it
 *
 * The header's `blobs` lists [offset, byteLength] per blob, offsets relative to
 * the start of the data section (so they do not depend on the header's size).
 * Blobs hold raw little-endian bytes, which keeps Float64 bit patterns exact.
 */
import { createHash } from 'node:crypto';
import { endianness } from 'node:os';
import { matlabError } from '../runtime/errors.ts';

export const MAGIC = 'DLTBMAT1';
const MAGIC_FAMILY = 'DLTBMAT';
const PREFIX_BYTES = 24;
const DIGEST_BYTES = 32;
const ALIGN = 8;

export interface Container {
  /** The JSON header minus the blob table. */
  meta: Record<string, unknown>;
  /** Views into the file's bytes; copy before keeping them. */
  blobs: Uint8Array[];
}

const align = (n: number): number => Math.ceil(n / ALIGN) * ALIGN;
const zeros = (n: number): Uint8Array => new Uint8Array(n);

/** Blobs are written in the machine's byte order; the format promises little-endian. */
function requireLittleEndian(): void {
  if (endianness() !== 'LE') {
    matlabError('save:unsupportedPlatform', 'save/load files are little-endian; this big-endian platform is not supported.');
  }
}

/**
 * The file's bytes as a sequence of chunks, so large weight arrays go to disk
 * without first being copied into one big buffer. The digest comes last.
 */
export function* containerChunks(meta: Record<string, unknown>, blobs: readonly Uint8Array[]): Generator<Uint8Array> {
  requireLittleEndian();
  const table: [number, number][] = [];
  let dataBytes = 0;
  for (const b of blobs) {
    table.push([dataBytes, b.byteLength]);
    dataBytes = align(dataBytes + b.byteLength);
  }
  const header = Buffer.from(JSON.stringify({ ...meta, blobs: table }), 'utf8');
  const dataStart = align(PREFIX_BYTES + header.byteLength);
  const total = dataStart + dataBytes + DIGEST_BYTES;

  const prefix = Buffer.alloc(PREFIX_BYTES);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeBigUInt64LE(BigInt(header.byteLength), 8);
  prefix.writeBigUInt64LE(BigInt(total), 16);

  const hash = createHash('sha256');
  const emit = (chunk: Uint8Array): Uint8Array => (hash.update(chunk), chunk);
  yield emit(prefix);
  yield emit(header);
  yield emit(zeros(dataStart - PREFIX_BYTES - header.byteLength));
  for (const b of blobs) {
    yield emit(b);
    const pad = align(b.byteLength) - b.byteLength;
    if (pad > 0) yield emit(zeros(pad));
  }
  yield hash.digest();
}

/** Parse and verify a whole file; `name` is used in error messages. */
export function readContainer(bytes: Uint8Array, name: string): Container {
  checkMagic(bytes, name);
  if (bytes.byteLength < PREFIX_BYTES + DIGEST_BYTES) {
    matlabError('load:truncatedFile', `File '${name}' is truncated: it has only ${bytes.byteLength} bytes.`);
  }
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerBytes = Number(buf.readBigUInt64LE(8));
  const total = Number(buf.readBigUInt64LE(16));
  if (buf.byteLength < total) {
    matlabError('load:truncatedFile', `File '${name}' is truncated: it has ${buf.byteLength} bytes but was written with ${total}.`);
  }
  const body = buf.subarray(0, buf.byteLength - DIGEST_BYTES);
  const digest = createHash('sha256').update(body).digest();
  if (buf.byteLength !== total || !digest.equals(buf.subarray(body.byteLength))) {
    matlabError('load:corruptFile', `File '${name}' is corrupt: its contents do not match the checksum written by save.`);
  }
  requireLittleEndian();
  // From here on the bytes are exactly what save wrote, so failures are format bugs.
  const dataStart = align(PREFIX_BYTES + headerBytes);
  let parsed: { blobs?: unknown } & Record<string, unknown>;
  try {
    parsed = JSON.parse(buf.toString('utf8', PREFIX_BYTES, PREFIX_BYTES + headerBytes));
  } catch {
    return matlabError('load:corruptFile', `File '${name}' is corrupt: its header is not valid JSON.`);
  }
  const { blobs: table, ...meta } = parsed;
  if (!Array.isArray(table)) matlabError('load:corruptFile', `File '${name}' is corrupt: its header has no blob table.`);
  const blobs = table.map((entry: unknown) => {
    const [offset, length] = Array.isArray(entry) ? entry : [];
    const start = dataStart + Number(offset);
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(length) || length < 0 || start + length > body.byteLength) {
      matlabError('load:corruptFile', `File '${name}' is corrupt: a data block lies outside the file.`);
    }
    return body.subarray(start, start + length);
  });
  return { meta, blobs };
}

/** Tell our files apart from MATLAB's own MAT-files and from anything else. */
function checkMagic(bytes: Uint8Array, name: string): void {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 128)).toString('latin1');
  if (head.startsWith(MAGIC)) return;
  if (head.length < MAGIC.length && head.length > 0 && MAGIC.startsWith(head)) {
    matlabError('load:truncatedFile', `File '${name}' is truncated: it has only ${bytes.byteLength} bytes.`);
  }
  if (head.startsWith(MAGIC_FAMILY)) {
    matlabError('load:unsupportedVersion', `File '${name}' was written by a newer version of save (format '${head.slice(0, MAGIC.length)}'); this version reads '${MAGIC}'.`);
  }
  // Level-5 and v7.3 MAT-files start with a text header such as "MATLAB 5.0 MAT-file, Platform: ...".
  if (/^MATLAB \d+(\.\d+)? MAT-file/.test(head)) {
    const version = head.slice(7, head.indexOf(' MAT-file'));
    matlabError('load:matlabMatFile', `File '${name}' is a MATLAB MAT-file (version ${version}), which this toolbox cannot read. Only files written by this toolbox's save can be loaded.`);
  }
  matlabError('load:notMatFile', `File '${name}' is not a file written by save (it does not start with the '${MAGIC}' header).`);
}

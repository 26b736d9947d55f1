/** Build an IDX file (the MNIST format): magic 0x0000 08 <ndims>, big-endian sizes, then the bytes. */
export function idxBytes(dims: number[], data: Uint8Array): Buffer {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head[2] = 8;
  head[3] = dims.length;
  dims.forEach((d, k) => head.writeUInt32BE(d, 4 + 4 * k));
  return Buffer.concat([head, data]);
}

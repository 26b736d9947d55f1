import sharp from 'sharp';
import { decodePngFast } from '/tmp/oldPngDecode.ts';
import { decode } from 'fast-png';
import { decodePng } from '../src/image/pngDecode.ts';
const files: Buffer[] = [];
for (let k = 0; k < 3000; k++) {
  const px = Uint8Array.from({ length: 784 }, (_, i) => ((i * 7 + k * 13) % 17 < 8 ? 0 : (i * k) % 256));
  files.push(await sharp(px, { raw: { width: 28, height: 28, channels: 1 } }).toColourspace('b-w').png().toBuffer());
}
const big = await sharp(Uint8Array.from({ length: 1024 * 768 * 3 }, (_, i) => (i * 7919) % 251), { raw: { width: 1024, height: 768, channels: 3 } }).png().toBuffer();
const cases: [string, (b: Buffer) => unknown][] = [
  ['old hand decoder', (b) => decodePngFast(b)],
  ['fast-png (checkCrc)', (b) => decode(b, { checkCrc: true })],
  ['new decoder', (b) => decodePng(b)],
];
const best: Record<string, [number, number]> = {};
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (let rep = 0; rep < 8; rep++) for (const [name, f] of cases) {
  let t = cpu();
  for (const b of files) f(b);
  const small = (cpu() - t) / files.length * 1000;
  t = cpu();
  for (let i = 0; i < 5; i++) f(big);
  const large = (cpu() - t) / 5;
  const [s0, l0] = best[name] ?? [Infinity, Infinity];
  best[name] = [Math.min(s0, small), Math.min(l0, large)];
}
for (const [name, [s, l]] of Object.entries(best)) console.log(`${name}: 28x28 gray ${s.toFixed(1)} us/img (CPU, best of 8); 1024x768 rgb ${l.toFixed(1)} ms`);

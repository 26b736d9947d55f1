// CPU time of PNG decoding: the toolbox's decoder against sharp and, when installed
// (`npm install --no-save fast-png`), the fast-png package. Best of 8 rounds, CPU time
// (user + system) so that a busy machine disturbs it less. Usage: npx tsx scripts/bench-png.ts
import sharp from 'sharp';
import { decodePng } from '../src/image/pngDecode.ts';

const digits: Buffer[] = [];
for (let k = 0; k < 2000; k++) {
  const px = Uint8Array.from({ length: 784 }, (_, i) => ((i * 7 + k * 13) % 17 < 8 ? 0 : (i * k) % 256));
  digits.push(await sharp(px, { raw: { width: 28, height: 28, channels: 1 } }).toColourspace('b-w').png().toBuffer());
}
const photo = await sharp(Uint8Array.from({ length: 1024 * 768 * 3 }, (_, i) => (i * 7919) % 251), { raw: { width: 1024, height: 768, channels: 3 } }).png().toBuffer();

type Decoder = (b: Buffer) => unknown;
const decoders: [string, Decoder][] = [['toolbox decodePng', decodePng]];
try {
  const moduleName = 'fast-png';
  const { decode } = await import(moduleName) as { decode: (b: Buffer, o: object) => unknown };
  decoders.push(['fast-png (checkCrc)', (b) => decode(b, { checkCrc: true })]);
} catch {
  console.log('(fast-png is not installed: npm install --no-save fast-png to compare with it)');
}
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (const [name, f] of decoders) {
  let small = Infinity;
  let large = Infinity;
  for (let round = 0; round < 8; round++) {
    let t = cpuMs();
    for (const b of digits) f(b);
    small = Math.min(small, ((cpuMs() - t) / digits.length) * 1000);
    t = cpuMs();
    for (let i = 0; i < 5; i++) f(photo);
    large = Math.min(large, (cpuMs() - t) / 5);
  }
  console.log(`${name}: 28×28 gray ${small.toFixed(1)} µs/image, 1024×768 RGB ${large.toFixed(1)} ms`);
}
let t = cpuMs();
const n = 200;
for (const b of digits.slice(0, n)) await sharp(b).raw().toBuffer();
console.log(`sharp (one call per image, process CPU): 28×28 gray ${(((cpuMs() - t) / n) * 1000).toFixed(0)} µs/image`);

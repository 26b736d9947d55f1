/**
 * The synthetic Panneaux road-sign set (`dltb data --panneaux`): same bytes
 * on every run, the course's classes and counts, signs placed off-centre and
 * turned (checked from the generator's recorded parameters and in the
 * pixels), the shipped backgrounds and their licences, the CLI and its errors.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cpSync, readFileSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import sharp from 'sharp';
import { generatePanneaux, panneauxParams, type PanneauxResult } from '../src/data/panneaux/generate.ts';
import { renderImage } from '../src/data/panneaux/render.ts';
import { BACKGROUNDS, BACKGROUND_DIR } from '../src/data/panneaux/backgrounds.ts';
import { SIGN_CLASSES, signSvg } from '../src/data/panneaux/signs.ts';
import type { ImageParams } from '../src/data/panneaux/params.ts';
import { imageDatastore } from '../src/data/imageDatastore.ts';
import { rng } from '../src/runtime/random.ts';
import { tempDir, removeDir } from './fixtures/imageTree.ts';
import { rejectionOf } from './helpers/errors.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin/dltb.js');

function dltb(cwd: string, ...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
}

/** Relative path → SHA-256 of every file under `dir` (the marker included). */
function hashes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(path.relative(dir, p), createHash('sha256').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

let work: string;
let full: PanneauxResult;
let fullDir: string;

beforeAll(async () => {
  work = tempDir('dltb-panneaux-');
  fullDir = path.join(work, 'api', 'Panneaux');
  // As in the repository, the folder holds its README before the first generation (kept).
  cpSync(path.join(ROOT, 'Panneaux', 'README.md'), path.join(fullDir, 'README.md'));
  full = await generatePanneaux(fullDir, { progress: false });
});
afterAll(() => removeDir(work));

describe('dltb data --panneaux', () => {
  it('writes the same bytes twice: here through the API, again in another process through run --ensure-panneaux', () => {
    const cwd = path.join(work, 'cli');
    cpSync(path.join(ROOT, 'Panneaux', 'README.md'), path.join(cwd, 'Panneaux', 'README.md'), { recursive: true });
    writeFileSync(path.join(cwd, 'count.mts'), `import { readdirSync } from 'node:fs';\nconsole.log('classes:', readdirSync('Panneaux').filter((n) => !n.includes('.')).join(','));\n`);
    const r = dltb(cwd, 'run', 'count.mts', '--ensure-panneaux');
    expect(r.stderr).toMatch(/Writing .*Panneaux/);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Panneaux/ is missing: generating');
    expect(r.stdout).toMatch(/Wrote 140 synthetic road-sign photos to .* in [\d.]+ s/);
    expect(r.stdout).toContain('classes: cedez_le_passage,limitation_50,sens_interdit,stop');
    const a = hashes(fullDir);
    const b = hashes(path.join(cwd, 'Panneaux'));
    expect(a.size).toBe(140 + 2); // the photos, the completion marker with every parameter, the README kept
    expect([...b]).toEqual([...a]);
    // A second run finds the set complete and writes nothing.
    const again = dltb(cwd, 'run', 'count.mts', '--ensure-panneaux');
    expect(again.stdout).not.toContain('generating');
    expect(hashes(path.join(cwd, 'Panneaux'))).toEqual(a);
  });

  it('has the course\'s 4 classes, 140 photos, and the 28 validation images of splitEachLabel(0.8) as 7, 7, 6, 8', async () => {
    expect(full.counts).toEqual({ cedez_le_passage: 35, limitation_50: 35, sens_interdit: 30, stop: 40 });
    expect(full.total).toBe(140);
    const ds = imageDatastore(fullDir, 'IncludeSubfolders', true, 'LabelSource', 'foldernames');
    expect(ds.Files.numel).toBe(140);
    rng(0);
    const [train, valid] = ds.splitEachLabel(0.8, 'randomized');
    expect(train.Files.numel).toBe(112);
    expect(valid.countEachLabel().Count.toArray()).toEqual([7, 7, 6, 8]);
    for (const p of full.images) {
      const meta = await sharp(path.join(fullDir, p.file)).metadata();
      expect([meta.format, meta.width, meta.height, meta.channels]).toEqual(['jpeg', p.width, p.height, 3]);
    }
    expect(new Set(full.images.map((p) => `${p.width}x${p.height}`))).toEqual(new Set(['640x480', '480x640']));
  });

  it('does not always put the sign in the centre, upright and face-on (recorded parameters)', () => {
    const ps = full.images;
    const offCentre = ps.filter((p) => Math.abs(p.pose.cx - p.width / 2) > 0.15 * p.width || Math.abs(p.pose.cy - p.height / 2) > 0.15 * p.height);
    expect(offCentre.length / ps.length).toBeGreaterThan(0.5);
    // The projected top edge's slope: in-plane rotation and perspective tilt it.
    const tilt = (p: ImageParams): number => {
      const [[x0, y0], [x1, y1]] = p.corners;
      return Math.abs((Math.atan2(y1 - y0, x1 - x0) * 180) / Math.PI);
    };
    expect(ps.filter((p) => tilt(p) > 5).length / ps.length).toBeGreaterThan(0.4);
    expect(ps.some((p) => tilt(p) > 15)).toBe(true);
    // Perspective: the near vertical edge of the face is longer than the far one.
    const edge = (a: [number, number], b: [number, number]): number => Math.hypot(a[0] - b[0], a[1] - b[1]);
    const ratio = (p: ImageParams): number => edge(p.corners[1], p.corners[2]) / edge(p.corners[0], p.corners[3]);
    expect(ps.filter((p) => Math.abs(Math.log(ratio(p))) > 0.1).length / ps.length).toBeGreaterThan(0.3);
    // Sizes, backgrounds, blur, noise and JPEG quality all vary.
    const sizes = ps.map((p) => p.pose.size);
    expect(Math.max(...sizes) / Math.min(...sizes)).toBeGreaterThan(2.5);
    expect(new Set(ps.map((p) => p.background)).size).toBe(BACKGROUNDS.length);
    expect(ps.some((p) => p.blurSigma === 0) && ps.some((p) => p.blurSigma > 1.5)).toBe(true);
    expect(new Set(ps.map((p) => p.jpegQuality)).size).toBeGreaterThan(20);
    // Each face stays mostly in the frame.
    for (const p of ps) {
      const mx = p.corners.reduce((s, c) => s + c[0], 0) / 4;
      const my = p.corners.reduce((s, c) => s + c[1], 0) / 4;
      expect(mx > 0 && mx < p.width && my > 0 && my < p.height).toBe(true);
    }
  });

  it('draws the sign where the parameters say: dimming only the sign changes only the pixels near the recorded corners', async () => {
    // Render each photo twice from its parameters, without the pole, the second time with the sign at half light:
    // the background, light, noise stream and quality are the same, so the difference is the sign (spread a
    // little by blur and by JPEG's 8×8 blocks).
    for (const p of full.images.filter((_, i) => i % 7 === 0)) {
      const bright = { ...p, pole: false };
      const [a, b] = await Promise.all([bright, { ...bright, signGain: bright.signGain / 2 }].map(async (q) =>
        sharp(await renderImage(q)).raw().toBuffer()));
      const grow = 16 + 3 * p.blurSigma;
      let inside = 0, total = 0;
      for (let y = 0; y < p.height; y++) {
        for (let x = 0; x < p.width; x++) {
          const o = 3 * (y * p.width + x);
          const d = Math.abs(a[o] - b[o]) + Math.abs(a[o + 1] - b[o + 1]) + Math.abs(a[o + 2] - b[o + 2]);
          total += d;
          if (nearQuad(p.corners, x + 0.5, y + 0.5, grow)) inside += d;
        }
      }
      expect(total / (3 * p.pose.size ** 2), p.file).toBeGreaterThan(5);
      expect(inside / total, p.file).toBeGreaterThan(0.97);
    }
  });

  it('the background crops ship with the package: their sizes as recorded, under 1 MB, each licence in Panneaux/README.md', async () => {
    let bytes = 0;
    const readme = readFileSync(path.join(ROOT, 'Panneaux', 'README.md'), 'utf8');
    for (const b of BACKGROUNDS) {
      const file = path.join(BACKGROUND_DIR, b.file);
      bytes += statSync(file).size;
      const meta = await sharp(file).metadata();
      expect([b.file, meta.width, meta.height, meta.channels]).toEqual([b.file, ...b.size, b.gray ? 1 : 3]);
      expect(readme).toContain(b.file);
      expect(readme).toContain(b.licence);
    }
    expect(bytes).toBeLessThan(1024 * 1024);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { build: string } };
    expect(pkg.scripts.build).toContain("fs.cpSync('src/data/panneaux/backgrounds', 'dist/data/panneaux/backgrounds'");
  });

  it('draws letters and digits as paths, so no font of the machine enters the bytes', () => {
    for (const s of SIGN_CLASSES) {
      const svg = signSvg(s, 100, true);
      expect(svg).not.toMatch(/<text|font/);
    }
  });

  it('--limit writes the first photos of the full set, byte for byte; another seed gives other photos', () => {
    const cwd = tempDir('dltb-panneaux-limit-');
    try {
      const r = dltb(cwd, 'data', '--panneaux', '--limit', '2', '--quiet');
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^Wrote 8 synthetic road-sign photos to .*Panneaux in [\d.]+ s \(synthetic road signs, generator 1, seed 2017, limitPerClass 2\)\.\n  cedez_le_passage: 2\n/);
      const limited = hashes(path.join(cwd, 'Panneaux'));
      const all = hashes(fullDir);
      const photos = [...limited.keys()].filter((f) => f.endsWith('.jpg'));
      expect(photos).toEqual(SIGN_CLASSES.flatMap((s) => [1, 2].map((i) => path.join(s.name, `${s.name}_00${i}.jpg`))));
      for (const f of photos) expect(limited.get(f)).toBe(all.get(f));
      const again = dltb(cwd, 'data', '--panneaux', '--limit', '2');
      expect(again.stdout).toContain('is already complete (8 images');
      const other = dltb(cwd, 'data', '--panneaux', '--limit', '2', '--seed', '7', '--out', 'P7', '--quiet');
      expect(other.status).toBe(0);
      const seven = hashes(path.join(cwd, 'P7'));
      for (const f of photos) expect(seven.get(f)).not.toBe(limited.get(f));
    } finally {
      removeDir(cwd);
    }
  });

  it('rejects bad arguments with a clear message', async () => {
    const cwd = tempDir('dltb-panneaux-bad-');
    try {
      const cases: [string[], RegExp][] = [
        [['--panneaux', '--idx', 'x'], /option '--panneaux' cannot be used with option '--idx <dir>'/],
        [['--panneaux', '--valid-fraction', '0.2'], /option '--panneaux' cannot be used with option '--valid-fraction <p>'/],
        [['--panneaux', '--images', 'a', '--labels', 'b'], /option '--panneaux' cannot be used with option '--images <file>'/],
        [['--seed', '3'], /option '--seed <n>' is only for --panneaux/],
        [['--panneaux', '--seed', '-1'], /argument '-1' is invalid\. expected an integer from 0 to 2\^32 - 1/],
        [['--panneaux', '--seed', '4294967296'], /expected an integer from 0 to 2\^32 - 1/],
        [['--panneaux', '--limit', '0'], /argument '0' is invalid\. expected a positive integer/],
      ];
      for (const [args, message] of cases) {
        const r = dltb(cwd, 'data', ...args);
        expect(r.status, args.join(' ')).toBe(1);
        expect(r.stderr).toMatch(message);
      }
      expect(existsSync(path.join(cwd, 'Panneaux'))).toBe(false);
      // A folder made with other settings is not silently replaced.
      const limited = dltb(cwd, 'data', '--panneaux', '--limit', '1', '--quiet');
      expect(limited.status).toBe(0);
      const r = dltb(cwd, 'data', '--panneaux', '--quiet');
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/Error using generatePanneaux\nFolder '.*Panneaux' already holds images made as: synthetic road signs, generator 1, seed 2017, limitPerClass 1\. Remove it or use the force option/);
      expect((await rejectionOf(generatePanneaux(path.join(cwd, 'x'), { seed: 1.5 }))).identifier).toBe('generatePanneaux:invalidSeed');
      expect((await rejectionOf(generatePanneaux(path.join(cwd, 'x'), { limitPerClass: 0 }))).identifier).toBe('generatePanneaux:invalidOption');
    } finally {
      removeDir(cwd);
    }
  });

  it('draws the parameters in a fixed order: a limited draw is a prefix of each class of the full one', () => {
    const a = panneauxParams(2017, 3);
    const b = panneauxParams().filter((p) => Number(p.file.slice(-7, -4)) <= 3);
    expect(a).toEqual(b);
  });
});

/** Point in a convex quadrilateral (corners in order, either orientation) grown by `grow` pixels. */
function nearQuad(q: [number, number][], x: number, y: number, grow: number): boolean {
  const area = q.reduce((s, [ax, ay], i) => s + ax * q[(i + 1) % 4][1] - q[(i + 1) % 4][0] * ay, 0);
  const orient = Math.sign(area);
  for (let i = 0; i < 4; i++) {
    const [ax, ay] = q[i];
    const [bx, by] = q[(i + 1) % 4];
    // Signed distance to the edge's line, positive inside.
    const dist = (orient * ((bx - ax) * (y - ay) - (by - ay) * (x - ax))) / Math.hypot(bx - ax, by - ay);
    if (dist < -grow) return false;
  }
  return true;
}

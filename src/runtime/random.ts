/**
 * MATLAB's global random stream: `rng`, `rand`, `randn`, `randi`, `randperm`.
 * Library code that shuffles draws from the same stream (`globalRandom`,
 * `shuffleIndices`) so `rng(seed)` makes a whole run reproducible.
 *
 * rand matches MATLAB exactly (MT19937 + genrand_res53, `rng(0)` = seed 5489).
 * randn, randi and randperm use the same stream but not MATLAB's algorithms
 * (MATLAB's randn is a ziggurat, here Marsaglia's polar method), so their
 * values differ from MATLAB's for a given seed.
 */
import { matlabError } from './errors.ts';
import { MArray, allocData, castValue } from './marray.ts';
import { parseSizeAndClass, prodDims } from './dims.ts';
import { MT19937 } from './mt19937.ts';

/** A source of doubles uniform in (0, 1). */
export interface RandomSource {
  nextDouble(): number;
}

/** What `rng()` returns and `rng(s)` restores (MATLAB's settings struct). */
export interface RngSettings {
  Type: 'twister';
  Seed: number;
  State: Uint32Array;
}

const MATLAB_DEFAULT_SEED = 5489;
const generator = new MT19937(MATLAB_DEFAULT_SEED);
let currentSeed = 0;

/** The global stream, for library code (shuffles, initialisers, dropout masks). */
export function globalRandom(): RandomSource {
  return generator;
}

/**
 * MATLAB `rng`: `rng(seed)`, `rng(seed, 'twister')`, `rng('default')`,
 * `rng('shuffle')`, `rng(settings)`; always returns the settings in force
 * before the call (so `s = rng(); ...; rng(s)` restores the stream).
 */
export function rng(arg?: number | 'default' | 'shuffle' | RngSettings, generatorName?: string): RngSettings {
  const previous: RngSettings = { Type: 'twister', Seed: currentSeed, State: generator.getState() };
  if (arg === undefined) return previous;
  if (generatorName !== undefined && generatorName.toLowerCase() !== 'twister') {
    matlabError('MATLAB:rng:unsupportedGenerator', `Only the 'twister' generator is supported, not '${generatorName}'.`);
  }
  if (typeof arg === 'object') {
    generator.setState(arg.State);
    currentSeed = arg.Seed;
  } else if (arg === 'default') {
    seedWith(0);
  } else if (arg === 'shuffle') {
    seedWith(Math.floor(Date.now() * 1000 + Number(process.hrtime.bigint() % 1000n)) % 2 ** 32);
  } else if (typeof arg === 'number') {
    if (!Number.isInteger(arg) || arg < 0 || arg >= 2 ** 32) {
      matlabError('MATLAB:rng:badSeed', 'The seed value must be an integer between 0 and 2^32 - 1.');
    }
    seedWith(arg);
  } else {
    matlabError('MATLAB:rng:badFirstOpt', `Unrecognized option '${String(arg)}'. Use a seed, 'default', 'shuffle' or a settings structure.`);
  }
  return previous;
}

/** MATLAB's twister maps seed 0 to the reference seed 5489. */
function seedWith(seed: number): void {
  currentSeed = seed;
  generator.seed(seed === 0 ? MATLAB_DEFAULT_SEED : seed);
}

function fill(fn: string, args: readonly unknown[], draw: () => number): MArray {
  const { dims, cls } = parseSizeAndClass(fn, args, ['double', 'single']);
  const data = allocData(cls, prodDims(dims));
  for (let i = 0; i < data.length; i++) data[i] = castValue(cls, draw());
  return MArray.wrap(data, dims, cls);
}

/** One standard normal (Marsaglia polar method on the uniform stream, or on `source`, e.g. a private MT19937). */
export function standardNormal(source: RandomSource = generator): number {
  for (;;) {
    const u = 2 * source.nextDouble() - 1;
    const v = 2 * source.nextDouble() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

/** MATLAB `rand`: a number with no argument, else an array (`rand(n)`, `rand(m,n,...)`, `rand([m n])`, `..., 'single'`). */
export function rand(): number;
export function rand(...args: (number | string | Iterable<number>)[]): MArray;
export function rand(...args: unknown[]): number | MArray {
  if (args.length === 0) return generator.nextDouble();
  return fill('rand', args, () => generator.nextDouble());
}

/** MATLAB `randn` (standard normal); same size arguments as `rand`. */
export function randn(): number;
export function randn(...args: (number | string | Iterable<number>)[]): MArray;
export function randn(...args: unknown[]): number | MArray {
  if (args.length === 0) return standardNormal();
  return fill('randn', args, standardNormal);
}

/** Integer limits of randi: `imax` → [1, imax], `[imin imax]` → [imin, imax]. */
function randiRange(r: number | Iterable<number>): [number, number] {
  const v = typeof r === 'number' ? [1, r] : Array.from(r);
  const [lo, hi] = v.length === 1 ? [1, v[0]] : v;
  if (v.length > 2 || !Number.isInteger(lo) || !Number.isInteger(hi)) {
    matlabError('MATLAB:randi:invalidLimits', 'The first input must be a positive integer IMAX, or a 2-element vector [IMIN IMAX] of integers.');
  }
  if (lo > hi) matlabError('MATLAB:randi:invalidLimits', 'The first input must have IMIN <= IMAX.');
  if (typeof r === 'number' && hi < 1) matlabError('MATLAB:randi:invalidLimits', 'IMAX must be a positive integer.');
  return [lo, hi];
}

/** MATLAB `randi(imax | [imin imax], sz...)`: uniform integers (a number when no size is given). */
export function randi(range: number | Iterable<number>): number;
export function randi(range: number | Iterable<number>, ...args: (number | string | Iterable<number>)[]): MArray;
export function randi(range: number | Iterable<number>, ...args: unknown[]): number | MArray {
  const [lo, hi] = randiRange(range);
  const draw = () => lo + Math.floor(generator.nextDouble() * (hi - lo + 1));
  if (args.length === 0) return draw();
  return fill('randi', args, draw);
}

/** The first `k` of a random permutation of 0..n-1 (partial Fisher–Yates on the global stream). */
function partialShuffle(n: number, k: number, source: RandomSource): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(source.nextDouble() * (n - i));
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p.subarray(0, k);
}

/** MATLAB `randperm(n)` / `randperm(n, k)`: k unique integers from 1..n, as a 1×k row. */
export function randperm(n: number, k: number = n): MArray {
  if (!Number.isInteger(n) || n < 0) matlabError('MATLAB:randperm:inputType', 'N must be a nonnegative integer.');
  if (!Number.isInteger(k) || k < 0) matlabError('MATLAB:randperm:inputType', 'K must be a nonnegative integer.');
  if (k > n) matlabError('MATLAB:randperm:inputKTooLarge', 'K must be less than or equal to N.');
  const p = partialShuffle(n, k, generator);
  return MArray.row(Array.from(p, (v) => v + 1));
}

/** A 0-based random permutation of 0..n-1 from the global stream (for library shuffles). */
export function shuffleIndices(n: number): number[] {
  return Array.from(partialShuffle(n, n, generator));
}

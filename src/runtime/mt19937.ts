/**
 * Mersenne Twister MT19937 (Matsumoto & Nishimura), with the 53-bit double
 * draw `genrand_res53`: the generator and draw MATLAB's 'twister' uses, so
 * `rng(seed); rand` gives MATLAB's numbers.
 */
const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER = 0x80000000;
const LOWER = 0x7fffffff;

export class MT19937 {
  private readonly mt = new Uint32Array(N);
  private mti = N + 1;

  constructor(seed = 5489) {
    this.seed(seed);
  }

  /** init_genrand: Knuth's linear initialisation of the state from a 32-bit seed. */
  seed(s: number): void {
    const mt = this.mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      // Math.imul keeps the product mod 2^32 exact (a double multiply would round).
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.mti = N;
  }

  /** A uniformly distributed 32-bit unsigned integer. */
  nextUint32(): number {
    const mt = this.mt;
    if (this.mti >= N) {
      let kk = 0;
      for (; kk < N - M; kk++) {
        const y = (mt[kk] & UPPER) | (mt[kk + 1] & LOWER);
        mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      for (; kk < N - 1; kk++) {
        const y = (mt[kk] & UPPER) | (mt[kk + 1] & LOWER);
        mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      const y = (mt[N - 1] & UPPER) | (mt[0] & LOWER);
      mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      this.mti = 0;
    }
    let y = mt[this.mti++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** genrand_res53: a double in [0, 1) with 53 random bits (in practice (0,1) for MATLAB). */
  nextDouble(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** Snapshot of the state (625 words: the table then the position). */
  getState(): Uint32Array {
    const s = new Uint32Array(N + 1);
    s.set(this.mt);
    s[N] = this.mti;
    return s;
  }

  setState(s: ArrayLike<number>): void {
    if (s.length !== N + 1) throw new RangeError(`MT19937 state must have ${N + 1} words.`);
    for (let i = 0; i < N; i++) this.mt[i] = s[i];
    this.mti = s[N];
  }
}

/**
 * A small seeded random number generator (xoshiro128**) with named streams, so that
 * initialisation, the split, shuffling and dropout each draw from their own sequence and a
 * change in one (say, a new layer) leaves the others as they were. Everything is 32-bit
 * integer arithmetic, so the numbers are the same in every JavaScript engine and backend.
 */

export interface Rng {
  /** Uniform integer in [0, 2^32). */
  nextUint32(): number;
  /** Uniform float in [0, 1), 32 random bits. */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

/**
 * A generator for one named stream of a seed.
 *
 * @example
 * const r = createRng(42, 'init/layers.0.weight');
 * r.next(); // same value on every run
 */
export function createRng(seed: number, stream: string): Rng {
  let h = hashString(stream, mix32(seedLow(seed) ^ 0x9e3779b9) ^ mix32(seedHigh(seed) + 0x632be59b));
  // splitmix32 fills the four state words; xoshiro needs a state that is not all zero.
  const s = new Uint32Array(4);
  for (let i = 0; i < 4; i++) {
    h = (h + 0x9e3779b9) >>> 0;
    s[i] = mix32(h);
  }
  if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1;

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  };
  return {
    nextUint32,
    next: () => nextUint32() / 4294967296,
    int: (n) => Math.floor((nextUint32() / 4294967296) * n),
  };
}

/** A permutation of 0..n-1 (Fisher-Yates). */
export function permutation(n: number, rng: Rng): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** The finaliser of MurmurHash3: a good 32-bit mixing function. */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** FNV-1a over UTF-16 code units, started from `basis`. */
function hashString(s: string, basis: number): number {
  let h = basis >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return mix32(h);
}

/** Seeds are any safe integer, negative included; both halves of it count. */
function seedLow(seed: number): number {
  return Math.trunc(seed) >>> 0;
}

function seedHigh(seed: number): number {
  return Math.floor(Math.trunc(seed) / 4294967296) >>> 0;
}

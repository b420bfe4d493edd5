/**
 * Seeded random numbers that are PyTorch's and NumPy's, bit for bit: both draw from the
 * Mersenne Twister (MT19937), and the functions below turn its 32-bit words into values the
 * way their CPU kernels do (PyTorch 1.13, NumPy's legacy RandomState). So a spec trained with
 * seed s starts from the weights `torch.manual_seed(s)` gives the same nn.Sequential, holds
 * out the examples sklearn's `train_test_split(random_state=s)` holds out, visits mini-batches
 * in the order of `DataLoader(shuffle=True)`, and drops out the same units as nn.Dropout.
 * Everything is exact integer arithmetic, so it is the same on every backend and engine.
 */
import { R_RNG } from '../diagnostics/messages.ts';
import { RuntimeError } from './errors.ts';

const N = 624;
const M = 397;

/** Where an MT19937 stream is: its 624 words and the next one to temper. */
export interface RngState {
  words: Uint32Array;
  index: number;
}

/** MT19937 with the reference `init_genrand` seeding, as in PyTorch and NumPy. */
export class Mt19937 {
  private readonly mt = new Uint32Array(N);
  private index = N;

  /** Seeds from the low 32 bits, as torch.manual_seed and RandomState(seed) do. */
  constructor(seed: number) {
    const mt = this.mt;
    mt[0] = lowBits(seed);
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
  }

  /** The generator's words and position: with `restore`, a run continues its exact stream. */
  save(): RngState {
    return { words: this.mt.slice(), index: this.index };
  }

  restore(state: RngState): void {
    if (state.words.length !== N || !(state.index >= 0 && state.index <= N)) {
      throw new RuntimeError(R_RNG.resumeRng, { words: N });
    }
    this.mt.set(state.words);
    this.index = state.index;
  }

  /** The next 32-bit word, in [0, 2^32). */
  nextUint32(): number {
    if (this.index >= N) this.twist();
    let y = this.mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  private twist(): void {
    const mt = this.mt;
    for (let i = 0; i < N; i++) {
      const y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
      mt[i] = mt[(i + M) % N] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    this.index = 0;
  }
}

/** Low 32 bits of any integer seed, negative ones as two's complement (torch casts to uint64). */
function lowBits(seed: number): number {
  const s = Math.trunc(seed);
  return Number(BigInt.asUintN(32, BigInt(s)));
}

const TWO_POW_24 = 16777216;
const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/**
 * `tensor.uniform_(from, to)` for a float32 tensor of `size` elements: each element takes
 * one word, keeps its low 24 bits as x in [0, 1), and is x * (to - from) + from with the
 * bounds in float32 and one rounding at the end (PyTorch's AVX2 build fuses the multiply-add).
 *
 * @example
 * torchUniform(new Mt19937(0), 3, -1, 1) // Float32Array [-0.0074868202, 0.5364436, -0.8230451], as torch
 */
export function torchUniform(gen: Mt19937, size: number, from: number, to: number): Float32Array {
  const f = Math.fround(from);
  const width = Math.fround(Math.fround(to) - f);
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    const x = (gen.nextUint32() % TWO_POW_24) / TWO_POW_24;
    out[i] = x * width + f; // x * width is exact in a double; the store rounds once
  }
  return out;
}

/** A uniform double in [0, 1) from two words (`random64`, low 53 bits), as torch's double distributions. */
export function torchUniformDouble(gen: Mt19937): number {
  const hi = gen.nextUint32();
  const lo = gen.nextUint32();
  return ((hi % 2097152) * TWO_POW_32 + lo) / TWO_POW_53;
}

/**
 * The seed a DataLoader epoch gives its RandomSampler: `torch.empty((), dtype=torch.int64).random_()`
 * is one 64-bit draw, and a Generator keeps only its low 32 bits (the second word).
 */
export function torchSeedDraw(gen: Mt19937): number {
  gen.nextUint32();
  return gen.nextUint32();
}

/** `torch.randperm(n, generator=g)` on the CPU: a forward Fisher-Yates with `random() % (n - i)`. */
export function torchRandperm(n: number, gen: Mt19937): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = 0; i < n - 1; i++) {
    const z = gen.nextUint32() % (n - i);
    const t = p[i];
    p[i] = p[z + i];
    p[z + i] = t;
  }
  return p;
}

/**
 * The row order of one DataLoader(shuffle=True) epoch drawn from the global generator: the
 * iterator first draws a base seed for its workers, then the sampler draws its own seed and
 * permutes with a fresh generator.
 */
export function torchEpochOrder(n: number, global: Mt19937): Int32Array {
  torchSeedDraw(global); // _BaseDataLoaderIter's _base_seed
  return torchRandperm(n, new Mt19937(torchSeedDraw(global)));
}

/**
 * NumPy's legacy `RandomState(seed).permutation(n)`: a backward Fisher-Yates whose indices
 * come from masked rejection sampling; sklearn's train_test_split shuffles with it.
 */
export function numpyPermutation(n: number, seed: number): Int32Array {
  const gen = new Mt19937(seed);
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    let mask = i;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    let j: number;
    do j = (gen.nextUint32() & mask) >>> 0; while (j > i);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

/**
 * exp, sigmoid and tanh in double precision for the host kernels (recurrent-host.ts).
 *
 * Why not Math.exp and Math.tanh: V8 computes both with fdlibm behind a call that is not
 * inlined, 20-35 ns each on the machines we measured, and an LSTM step of the delay net
 * makes about 50,000 of them (five a hidden unit, example and time step). These are
 * inlined and take a third to a half of that, and stay within a few units in the last
 * place of double precision (checked against Math.exp and Math.tanh in
 * tests/runtime/host-math.test.ts), so the float32 results the kernels store are the same
 * as with Math's functions: a float32 is rounded from a double about 2^29 times coarser
 * than these errors. This is not a low-precision approximation: one would move trained
 * numbers in the last float32 digits.
 *
 * exp(x) = 2^m * 2^(j/64) * e^r with x = (64m + j) ln2/64 + r, |r| <= ln2/128: a table of
 * the 64 values 2^(j/64), a table of powers of two, and a degree-5 polynomial for e^r - 1,
 * whose truncation error (r^6/720 < 4e-17) is below double's rounding.
 */

const STEPS = 64;
/** 2^(j/64), j = 0..63. */
const FRACTION = Float64Array.from({ length: STEPS }, (_, j) => 2 ** (j / STEPS));
/** The table's powers of two cover |x| < RANGE; Math.exp takes the rare inputs beyond. */
const RANGE = 80;
const POW_BIAS = 128;
/** 2^m, m = -128..128. */
const POWER = Float64Array.from({ length: 2 * POW_BIAS + 1 }, (_, k) => 2 ** (k - POW_BIAS));
const TO_STEPS = STEPS / Math.LN2;
/**
 * ln2/64 split in two (fdlibm's ln2_hi and ln2_lo over 64): the high part has 32 significant
 * bits, so n * LN2_HI is exact for every n the range allows, and r keeps its low digits.
 */
const LN2_HI = 6.93147180369123816490e-1 / STEPS;
const LN2_LO = 1.90821492927058770002e-10 / STEPS;
/** Adding then subtracting 1.5 * 2^52 rounds a double to the nearest integer (ties to even). */
const ROUND = 6755399441055744;

/** e^x, within about 1.5 units in the last place of double precision. */
export function exp(x: number): number {
  if (!(x > -RANGE && x < RANGE)) return Math.exp(x); // also NaN
  const nf = x * TO_STEPS + ROUND - ROUND;
  const r = x - nf * LN2_HI - nf * LN2_LO;
  const n = nf | 0;
  const f = FRACTION[n & (STEPS - 1)];
  const r2 = r * r;
  const q = r + r2 * (0.5 + r * (1 / 6)) + r2 * r2 * (1 / 24 + r * (1 / 120));
  return POWER[(n >> 6) + POW_BIAS] * (f + f * q);
}

/** 1 / (1 + e^-z), as PyTorch's sigmoid computes it (and the kernels did with Math.exp). */
export function sigmoid(z: number): number {
  return 1 / (1 + exp(-z));
}

/** Below this |x|, tanh comes from its series, where 1 - 2/(e^2x + 1) would lose digits. */
const SMALL = 0.125;
/**
 * tanh's Taylor coefficients up to x^13 (x, -1/3, 2/15, -17/315, 62/2835, -1382/155925,
 * 21844/6081075): at |x| < 1/8 the first term left out is below 4e-16 of the result.
 */
const T3 = -1 / 3;
const T5 = 2 / 15;
const T7 = -17 / 315;
const T9 = 62 / 2835;
const T11 = -1382 / 155925;
const T13 = 21844 / 6081075;

/** tanh(x), within a few units in the last place of double precision. */
export function tanh(x: number): number {
  const a = Math.abs(x);
  if (a < SMALL) {
    if (x === 0) return x; // keeps -0, as Math.tanh does
    const x2 = x * x;
    return x + x * x2 * (T3 + x2 * (T5 + x2 * (T7 + x2 * (T9 + x2 * (T11 + x2 * T13)))));
  }
  if (a >= 22) return x < 0 ? -1 : 1; // tanh is +-1 in double there
  // From 1/8 up, the subtraction loses at most 3 bits (NaN passes through).
  const v = 1 - 2 / (exp(2 * a) + 1);
  return x < 0 ? -v : v;
}

/**
 * z[k] = sigmoid(z[k]) and z[k] = tanh(z[k]) for from <= k < to. A kernel calls these once
 * per block rather than sigmoid and tanh once per value: V8 inlines exp into these small
 * loops, where in a large kernel loop its inlining budget runs out after a few calls and the
 * rest stay calls (measured: about a third of the LSTM forward's time went to those calls).
 */
export function sigmoidInPlace(z: Float64Array, from: number, to: number): void {
  for (let k = from; k < to; k++) z[k] = 1 / (1 + exp(-z[k]));
}

export function tanhInPlace(z: Float64Array, from: number, to: number): void {
  for (let k = from; k < to; k++) z[k] = tanh(z[k]);
}

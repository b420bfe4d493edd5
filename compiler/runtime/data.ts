/**
 * What a train block does to its data before training: the seeded split and the
 * standardisation with the training set's statistics.
 */
import type { Dataset } from './api.ts';
import { RuntimeError } from './errors.ts';
import { R_RUN } from '../diagnostics/messages.ts';
import { numpyPermutation } from './rng.ts';

export interface Standardization {
  mean: number[];
  std: number[];
}

/** Values per example's target: 1 class index, or `size` regression values. */
export function targetWidth(ds: Dataset): number {
  return ds.target.kind === 'classes' ? 1 : ds.target.size;
}

/**
 * Holds out `fraction` of the examples for testing exactly as sklearn's
 * `train_test_split(test_size=fraction, random_state=seed)` does: ceil(fraction * n) test
 * examples, the first of `RandomState(seed).permutation(n)`, the rest for training in that
 * order. Fraction 0 keeps every example for training and no test set.
 *
 * @example
 * splitDataset(iris, 0.2, 42) // { train: 120 examples, test: 30 examples }
 */
export function splitDataset(ds: Dataset, fraction: number, seed: number): { train: Dataset; test: Dataset | null } {
  if (!(fraction >= 0 && fraction < 1)) throw new RuntimeError(R_RUN.splitRange, { split: fraction });
  if (fraction === 0) return { train: ds, test: null };
  const nTest = Math.ceil(fraction * ds.n);
  if (nTest >= ds.n) {
    throw new RuntimeError(R_RUN.splitLeavesNone, { split: fraction, n: ds.n });
  }
  const order = numpyPermutation(ds.n, seed);
  return { test: subset(ds, order.subarray(0, nTest)), train: subset(ds, order.subarray(nTest)) };
}

/**
 * Holds out `count` of the training examples for validation exactly as sklearn's
 * `train_test_split(x_train, y_train, test_size=count, random_state=seed)` does: the first
 * `count` of `RandomState(seed).permutation(train.n)`, the rest for training in that order.
 * The exported program makes that very call, so both hold the same rows.
 */
export function splitValidation(ds: Dataset, count: number, seed: number): { train: Dataset; validation: Dataset } {
  if (count >= ds.n) {
    throw new RuntimeError(R_RUN.validateLeavesNone, { count, n: ds.n });
  }
  const order = numpyPermutation(ds.n, seed);
  return { validation: subset(ds, order.subarray(0, count)), train: subset(ds, order.subarray(count)) };
}

/** Validation rows for a fraction of all `total` examples (train, validation and test together). */
export function validationCount(fraction: number, total: number): number {
  return fraction > 0 ? Math.ceil(fraction * total) : 0;
}

export interface HeldOut {
  train: Dataset;
  /** null when the train block has no `validate`. */
  validation: Dataset | null;
  /** null when `split` is 0. */
  test: Dataset | null;
}

/**
 * A train block's three sets, in the documented order (docs/language.md, "Held-out sets"):
 * the test split first (`splitDataset`), then `validate` of all examples drawn from the rest.
 * Sets that already hold a validation set (TrainOptions.data) are kept as they are.
 *
 * @example
 * holdOut(splitDataset(iris, 0.2, 42), 0.2, 42) // 90 train, 30 validation, 30 test
 */
export function holdOut(sets: { train: Dataset; test: Dataset | null; validation?: Dataset | null }, validate: number, seed: number): HeldOut {
  const { train, test } = sets;
  if (sets.validation !== undefined) return { train, test, validation: sets.validation };
  const count = validationCount(validate, train.n + (test?.n ?? 0));
  if (count === 0) return { train, test, validation: null };
  return { ...splitValidation(train, count, seed), test };
}

/** The examples at `rows`, in that order. */
export function subset(ds: Dataset, rows: ArrayLike<number>): Dataset {
  const xw = ds.x.length / ds.n;
  const yw = targetWidth(ds);
  const x = new Float32Array(rows.length * xw);
  const y = ds.y instanceof Int32Array ? new Int32Array(rows.length * yw) : new Float32Array(rows.length * yw);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    x.set(ds.x.subarray(r * xw, (r + 1) * xw), i * xw);
    y.set(ds.y.subarray(r * yw, (r + 1) * yw), i * yw);
  }
  return { ...ds, x, y, n: rows.length };
}

/**
 * Mean and population standard deviation of every input value over the examples, as
 * sklearn's StandardScaler computes them; a constant value gets std 1 so it maps to 0.
 */
export function standardization(ds: Dataset): Standardization {
  const w = ds.x.length / ds.n;
  const mean = new Float64Array(w);
  const sq = new Float64Array(w);
  for (let i = 0; i < ds.n; i++) for (let j = 0; j < w; j++) mean[j] += ds.x[i * w + j];
  for (let j = 0; j < w; j++) mean[j] /= ds.n;
  for (let i = 0; i < ds.n; i++) {
    for (let j = 0; j < w; j++) {
      const d = ds.x[i * w + j] - mean[j];
      sq[j] += d * d;
    }
  }
  const std = Array.from(sq, (s) => {
    const sd = Math.sqrt(s / ds.n);
    return sd > 0 ? sd : 1;
  });
  return { mean: Array.from(mean), std };
}

/** (x - mean) / std for every input value; the targets are untouched. */
export function standardize(ds: Dataset, s: Standardization): Dataset {
  return { ...ds, x: standardizeInputs(ds.x, s) };
}

export function standardizeInputs(x: Float32Array, s: Standardization): Float32Array {
  const w = s.mean.length;
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = (x[i] - s.mean[i % w]) / s.std[i % w];
  return out;
}

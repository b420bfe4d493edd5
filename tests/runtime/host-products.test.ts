/**
 * The host kernels' blocked products (runtime/ops/host-products.ts) against plain loops that
 * sum one output at a time in the documented order: equal bit for bit, on sizes that reach
 * every remainder of the blocking (odd example counts, rows and columns not multiples of 4 or 2).
 */
import { describe, expect, it } from 'vitest';
import { addProducts, sumOfOuterProducts, transposedProducts } from '../../compiler/runtime/ops/host-products.ts';

let seed = 7;
const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
const f32 = (size: number) => Float32Array.from({ length: size }, next);
const f64 = (size: number) => Float64Array.from({ length: size }, next);

const SIZES: Array<[number, number, number]> = [[1, 1, 1], [2, 4, 4], [3, 5, 2], [5, 7, 3], [32, 64, 16], [4, 9, 13], [7, 20, 5]];

describe('host-products', () => {
  it.each(SIZES)('addProducts, %i examples, %i rows, %i columns', (n, rows, cols) => {
    const stride = cols + 3; // vectors spaced apart, as x's steps are
    const wT = f64(cols * rows);
    const v = f32(2 + n * stride);
    const z = f64(1 + n * rows);
    const expected = z.slice();
    for (let b = 0; b < n; b++) {
      for (let g = 0; g < rows; g++) {
        let s = expected[1 + b * rows + g];
        for (let k = 0; k < cols; k++) s += wT[k * rows + g] * v[2 + b * stride + k];
        expected[1 + b * rows + g] = s;
      }
    }
    addProducts(z, 1, rows, n, wT, cols, v, 2, stride);
    expect(z).toEqual(expected);
  });

  it.each(SIZES)('transposedProducts, %i examples, %i rows, %i columns', (n, rows, cols) => {
    const stride = cols + 2;
    const w = f32(rows * cols);
    const u = f64(3 + n * rows);
    const out = f64(1 + n * stride);
    const expected = out.slice();
    for (let b = 0; b < n; b++) {
      for (let k = 0; k < cols; k++) {
        let s = 0;
        for (let g = 0; g < rows; g++) s += u[3 + b * rows + g] * w[g * cols + k];
        expected[1 + b * stride + k] = s;
      }
    }
    transposedProducts(out, 1, stride, n, w, rows, cols, u, 3);
    expect(out).toEqual(expected);
  });

  it.each(SIZES)('sumOfOuterProducts, %i terms, %i rows, %i columns', (m, rows, cols) => {
    const a = f64(5 + m * rows);
    const v = f32(2 + m * cols);
    const out = new Float64Array(rows * cols);
    const expected = new Float64Array(rows * cols);
    for (let g = 0; g < rows; g++) {
      for (let k = 0; k < cols; k++) {
        let s = 0;
        for (let c = 0; c < m; c++) s += a[5 + c * rows + g] * v[2 + c * cols + k];
        expected[g * cols + k] = s;
      }
    }
    sumOfOuterProducts(out, rows, cols, m, a, 5, v, 2);
    expect(out).toEqual(expected);
  });
});

/**
 * Small dense products for the host kernels (recurrent-host.ts): a recurrent layer's W x_t,
 * W_hh h_{t-1} and W_hh^T dz for every example of a step, in double precision.
 *
 * Why hand-written loops rather than the backend's matMul: a step's product is [32, 16] x
 * [16, 64], far less arithmetic than the upload, kernel and read-back of a backend call, and
 * the steps depend on each other, so they cannot be gathered into one call.
 *
 * Why blocked like this: a sum is a chain of dependent additions, so one sum at a time waits
 * on every addition; and every element read from a typed array costs a bounds check and a
 * load. Four rows of W for two examples at once keep eight independent sums in local
 * variables and use each weight read twice: about 1.8x faster than eight rows for one example
 * (0.63-0.80 against 1.14-1.59 ns a multiply-add, measured), itself faster than one sum at a
 * time. The blocking never changes what a sum adds or in which order: each output adds its
 * terms in order of k onto what it starts from, so the values are those of a plain loop.
 */

/**
 * z[zOff + b*rows + g] += sum over k < cols of wT[k*rows + g] * v[vOff + b*vStride + k], for
 * every example b < n and row g < rows: W v for n vectors, W given transposed ([cols, rows])
 * so that the rows summed at once sit side by side.
 */
export function addProducts(
  z: Float64Array, zOff: number, rows: number, n: number,
  wT: Float64Array, cols: number, v: Float32Array, vOff: number, vStride: number,
): void {
  let b = 0;
  for (; b + 2 <= n; b += 2) {
    const v0 = vOff + b * vStride;
    const v1 = v0 + vStride;
    const z0 = zOff + b * rows;
    const z1 = z0 + rows;
    let g = 0;
    for (; g + 4 <= rows; g += 4) {
      let a0 = z[z0 + g];
      let a1 = z[z0 + g + 1];
      let a2 = z[z0 + g + 2];
      let a3 = z[z0 + g + 3];
      let c0 = z[z1 + g];
      let c1 = z[z1 + g + 1];
      let c2 = z[z1 + g + 2];
      let c3 = z[z1 + g + 3];
      for (let k = 0, w = g; k < cols; k++, w += rows) {
        const x = v[v0 + k];
        const y = v[v1 + k];
        const w0 = wT[w];
        const w1 = wT[w + 1];
        const w2 = wT[w + 2];
        const w3 = wT[w + 3];
        a0 += w0 * x;
        a1 += w1 * x;
        a2 += w2 * x;
        a3 += w3 * x;
        c0 += w0 * y;
        c1 += w1 * y;
        c2 += w2 * y;
        c3 += w3 * y;
      }
      z[z0 + g] = a0;
      z[z0 + g + 1] = a1;
      z[z0 + g + 2] = a2;
      z[z0 + g + 3] = a3;
      z[z1 + g] = c0;
      z[z1 + g + 1] = c1;
      z[z1 + g + 2] = c2;
      z[z1 + g + 3] = c3;
    }
    for (; g < rows; g++) {
      let a = z[z0 + g];
      let c = z[z1 + g];
      for (let k = 0; k < cols; k++) {
        const w = wT[k * rows + g];
        a += w * v[v0 + k];
        c += w * v[v1 + k];
      }
      z[z0 + g] = a;
      z[z1 + g] = c;
    }
  }
  if (b < n) {
    const v0 = vOff + b * vStride;
    const z0 = zOff + b * rows;
    let g = 0;
    for (; g + 4 <= rows; g += 4) {
      let a0 = z[z0 + g];
      let a1 = z[z0 + g + 1];
      let a2 = z[z0 + g + 2];
      let a3 = z[z0 + g + 3];
      for (let k = 0, w = g; k < cols; k++, w += rows) {
        const x = v[v0 + k];
        a0 += wT[w] * x;
        a1 += wT[w + 1] * x;
        a2 += wT[w + 2] * x;
        a3 += wT[w + 3] * x;
      }
      z[z0 + g] = a0;
      z[z0 + g + 1] = a1;
      z[z0 + g + 2] = a2;
      z[z0 + g + 3] = a3;
    }
    for (; g < rows; g++) {
      let a = z[z0 + g];
      for (let k = 0; k < cols; k++) a += wT[k * rows + g] * v[v0 + k];
      z[z0 + g] = a;
    }
  }
}

/**
 * out[oOff + b*oStride + k] = sum over g < rows of u[uOff + b*rows + g] * w[g*cols + k], for
 * every example b < n and column k < cols: W^T u for n vectors, W [rows, cols] as stored.
 * Each sum starts from zero.
 */
export function transposedProducts(
  out: Float64Array, oOff: number, oStride: number, n: number,
  w: Float32Array, rows: number, cols: number, u: Float64Array, uOff: number,
): void {
  let b = 0;
  for (; b + 2 <= n; b += 2) {
    const u0 = uOff + b * rows;
    const u1 = u0 + rows;
    const o0 = oOff + b * oStride;
    const o1 = o0 + oStride;
    let k = 0;
    for (; k + 4 <= cols; k += 4) {
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let c0 = 0;
      let c1 = 0;
      let c2 = 0;
      let c3 = 0;
      for (let g = 0, at = k; g < rows; g++, at += cols) {
        const x = u[u0 + g];
        const y = u[u1 + g];
        const w0 = w[at];
        const w1 = w[at + 1];
        const w2 = w[at + 2];
        const w3 = w[at + 3];
        a0 += x * w0;
        a1 += x * w1;
        a2 += x * w2;
        a3 += x * w3;
        c0 += y * w0;
        c1 += y * w1;
        c2 += y * w2;
        c3 += y * w3;
      }
      out[o0 + k] = a0;
      out[o0 + k + 1] = a1;
      out[o0 + k + 2] = a2;
      out[o0 + k + 3] = a3;
      out[o1 + k] = c0;
      out[o1 + k + 1] = c1;
      out[o1 + k + 2] = c2;
      out[o1 + k + 3] = c3;
    }
    for (; k < cols; k++) {
      let a = 0;
      let c = 0;
      for (let g = 0; g < rows; g++) {
        const wk = w[g * cols + k];
        a += u[u0 + g] * wk;
        c += u[u1 + g] * wk;
      }
      out[o0 + k] = a;
      out[o1 + k] = c;
    }
  }
  if (b < n) {
    const u0 = uOff + b * rows;
    const o0 = oOff + b * oStride;
    let k = 0;
    for (; k + 4 <= cols; k += 4) {
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      for (let g = 0, at = k; g < rows; g++, at += cols) {
        const x = u[u0 + g];
        a0 += x * w[at];
        a1 += x * w[at + 1];
        a2 += x * w[at + 2];
        a3 += x * w[at + 3];
      }
      out[o0 + k] = a0;
      out[o0 + k + 1] = a1;
      out[o0 + k + 2] = a2;
      out[o0 + k + 3] = a3;
    }
    for (; k < cols; k++) {
      let a = 0;
      for (let g = 0; g < rows; g++) a += u[u0 + g] * w[g * cols + k];
      out[o0 + k] = a;
    }
  }
}

/**
 * out[g*cols + k] = sum over c < m of a[aOff + c*rows + g] * v[vOff + c*cols + k]: the sum of
 * m outer products a_c v_c^T (A^T V for A [m, rows] and V [m, cols] as stored), each sum from
 * zero in order of c. Four rows for two columns at a time.
 */
export function sumOfOuterProducts(
  out: Float64Array, rows: number, cols: number, m: number, a: Float64Array, aOff: number, v: Float32Array, vOff: number,
): void {
  let g = 0;
  for (; g + 4 <= rows; g += 4) {
    let k = 0;
    for (; k + 2 <= cols; k += 2) {
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let c0 = 0;
      let c1 = 0;
      let c2 = 0;
      let c3 = 0;
      for (let c = 0, p = aOff + g, q = vOff + k; c < m; c++, p += rows, q += cols) {
        const x = v[q];
        const y = v[q + 1];
        const u0 = a[p];
        const u1 = a[p + 1];
        const u2 = a[p + 2];
        const u3 = a[p + 3];
        a0 += u0 * x;
        a1 += u1 * x;
        a2 += u2 * x;
        a3 += u3 * x;
        c0 += u0 * y;
        c1 += u1 * y;
        c2 += u2 * y;
        c3 += u3 * y;
      }
      out[g * cols + k] = a0;
      out[(g + 1) * cols + k] = a1;
      out[(g + 2) * cols + k] = a2;
      out[(g + 3) * cols + k] = a3;
      out[g * cols + k + 1] = c0;
      out[(g + 1) * cols + k + 1] = c1;
      out[(g + 2) * cols + k + 1] = c2;
      out[(g + 3) * cols + k + 1] = c3;
    }
    for (; k < cols; k++) {
      for (let r = g; r < g + 4; r++) {
        let sum = 0;
        for (let c = 0; c < m; c++) sum += a[aOff + c * rows + r] * v[vOff + c * cols + k];
        out[r * cols + k] = sum;
      }
    }
  }
  for (; g < rows; g++) {
    for (let k = 0; k < cols; k++) {
      let sum = 0;
      for (let c = 0; c < m; c++) sum += a[aOff + c * rows + g] * v[vOff + c * cols + k];
      out[g * cols + k] = sum;
    }
  }
}

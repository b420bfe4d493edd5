/**
 * nn.MaxPool2d's host arithmetic on NHWC values, shared by the op's kernel (pool-host.ts)
 * and the fused step (fused/images.ts): the exact maxima where the backends' MaxPool cannot
 * be trusted (NaN), and the gradient sent to the first element of each window equal to its
 * maximum, windows scanned row by row as PyTorch scans them (tfjs's MaxPoolGrad sends ties
 * elsewhere).
 */

/** Channels, window, strides, and input and output height and width. */
export interface PoolGeometry {
  c: number; kh: number; kw: number; sh: number; sw: number; h: number; w: number; oh: number; ow: number;
}

/**
 * True when v holds a NaN (or, harmlessly, an infinity or a sum that overflows: those inputs
 * then take the exact host loop too). Four running sums without a branch: about 2.5x faster
 * in V8 than testing each value, and this runs on every maxpool's input.
 */
export function mayHoldNaN(v: Float32Array): boolean {
  let [s0, s1, s2, s3] = [0, 0, 0, 0];
  const n = v.length - (v.length % 4);
  for (let i = 0; i < n; i += 4) {
    s0 += v[i];
    s1 += v[i + 1];
    s2 += v[i + 2];
    s3 += v[i + 3];
  }
  for (let i = n; i < v.length; i++) s0 += v[i];
  const s = s0 + s1 + (s2 + s3);
  return s - s !== 0;
}

/**
 * The maxima and where they were (flat index into x) in one pass: the first of equal values,
 * a later one replacing it only when strictly greater or NaN, so NaN wins as in PyTorch.
 */
export function maxPoolLoop(xv: Float32Array, n: number, g: PoolGeometry): { y: Float32Array; from: Int32Array } {
  const { c, kh, kw, sh, sw, h, w, oh, ow } = g;
  const out = new Float32Array(n * oh * ow * c);
  const from = new Int32Array(out.length);
  let o = 0;
  for (let b = 0; b < n; b++) {
    for (let y = 0; y < oh; y++) {
      for (let xx = 0; xx < ow; xx++) {
        for (let ch = 0; ch < c; ch++, o++) {
          let at = ((b * h + y * sh) * w + xx * sw) * c + ch;
          let best = xv[at];
          for (let i = 0; i < kh; i++) {
            const row = ((b * h + y * sh + i) * w + xx * sw) * c + ch;
            for (let j = 0; j < kw; j++) {
              const k = row + j * c;
              const v = xv[k];
              if (v > best || Number.isNaN(v)) {
                best = v;
                at = k;
              }
            }
          }
          out[o] = best;
          from[o] = at;
        }
      }
    }
  }
  return { y: out, from };
}

/**
 * dx (into `dx`, zeroed here) for dy of a maxpool: each dy at the first element of its window
 * equal to the maximum y, or at `from` when the maxima came from maxPoolLoop. Overlapping
 * windows (stride < kernel) can pick the same element: their gradients add up. With
 * `reluInput`, the gradient of a ReLU whose output x is, applied at once (zero where
 * reluInput is not positive): the fused step folds a ReLU before a pool in here.
 */
export function poolGrad(
  x: Float32Array, y: Float32Array, from: Int32Array | null, dy: Float32Array, n: number, g: PoolGeometry, dx: Float32Array,
  reluInput: Float32Array | null = null,
): void {
  dx.fill(0);
  if (from !== null) {
    for (let k = 0; k < from.length; k++) dx[from[k]] += dy[k];
    if (reluInput !== null) for (let i = 0; i < dx.length; i++) if (!(reluInput[i] > 0)) dx[i] = 0;
    return;
  }
  const { c, kh, kw, sh, sw, h, w, oh, ow } = g;
  // Offsets of a window's elements from its corner, row by row: PyTorch's scan order.
  const off = new Int32Array(kh * kw);
  for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) off[i * kw + j] = (i * w + j) * c;
  const two = kh === 2 && kw === 2;
  const [o1, o2, o3] = [off[1], off[2], off[3]];
  let o = 0;
  for (let b = 0; b < n; b++) {
    for (let r = 0; r < oh; r++) {
      for (let q = 0; q < ow; q++) {
        const corner = ((b * h + r * sh) * w + q * sw) * c;
        for (let ch = 0; ch < c; ch++, o++) {
          const k = corner + ch;
          const m = y[o];
          // 2x2 windows (nearly every net) as one expression: a loop here costs V8 about 4x more.
          const at = two
            ? (x[k] === m ? k : x[k + o1] === m ? k + o1 : x[k + o2] === m ? k + o2 : x[k + o3] === m ? k + o3 : -1)
            : firstEqual(x, k, off, m);
          const to = at >= 0 ? at : k; // always found: inputs with NaN take maxPoolLoop
          if (reluInput === null || reluInput[to] > 0) dx[to] += dy[o];
        }
      }
    }
  }
}

function firstEqual(xv: Float32Array, k: number, off: Int32Array, m: number): number {
  for (let t = 0; t < off.length; t++) if (xv[k + off[t]] === m) return k + off[t];
  return -1;
}

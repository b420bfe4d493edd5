/**
 * The points a decision boundary is evaluated at: a size x size grid of cell centres over
 * the bounds, row by row from the top, as decision-boundary.ts draws it. One function for
 * the spec's live boundary (spec/train-job.ts) and the lessons' (interactives/compute).
 */

/** [xMin, xMax, yMin, yMax] */
export type Bounds = [number, number, number, number];

/**
 * The grid's inputs, (x, y) pairs, `size * size` of them.
 *
 * @example boundaryGridInputs([0, 2, 0, 2], 2) // Float32Array [0.5, 1.5, 1.5, 1.5, 0.5, 0.5, 1.5, 0.5]
 */
export function boundaryGridInputs(bounds: Bounds, size: number): Float32Array {
  const [x0, x1, y0, y1] = bounds;
  const out = new Float32Array(size * size * 2);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      out[(r * size + c) * 2] = x0 + ((c + 0.5) / size) * (x1 - x0);
      out[(r * size + c) * 2 + 1] = y1 - ((r + 0.5) / size) * (y1 - y0);
    }
  }
  return out;
}

/** The bounds of 2-D points (x, y pairs) with a tenth of each side's span as margin. */
export function paddedBounds(xs: ArrayLike<number>, n: number): Bounds {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    x0 = Math.min(x0, xs[2 * i]);
    x1 = Math.max(x1, xs[2 * i]);
    y0 = Math.min(y0, xs[2 * i + 1]);
    y1 = Math.max(y1, xs[2 * i + 1]);
  }
  const mx = (x1 - x0) * 0.1 || 1;
  const my = (y1 - y0) * 0.1 || 1;
  return [x0 - mx, x1 + mx, y0 - my, y1 + my];
}

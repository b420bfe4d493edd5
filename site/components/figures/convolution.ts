/**
 * Lesson 10's example: a 3x3 vertical-edge filter sliding over a 6x6 image (no padding,
 * stride 1), then 2x2 max pooling. The same image and filter as
 * site/content/lessons/code/10-convolution.py, which prints the feature map and the
 * pooled map; tests/site/figures.test.ts holds them equal. Integers, so exact.
 */
export const IMAGE: number[][] = Array.from({ length: 6 }, () => [0, 0, 0, 1, 1, 1]);
export const EDGE: number[][] = [[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]];

/** Cross-correlation, as PyTorch's conv2d computes it (the filter is not flipped). */
export function convolve(image: number[][], filter: number[][]): number[][] {
  const k = filter.length;
  const rows = image.length - k + 1;
  const cols = image[0].length - k + 1;
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => {
    let sum = 0;
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) sum += image[r + i][c + j] * filter[i][j];
    return sum;
  }));
}

export function maxPool(map: number[][], size = 2): number[][] {
  return Array.from({ length: Math.floor(map.length / size) }, (_, r) =>
    Array.from({ length: Math.floor(map[0].length / size) }, (_, c) => {
      let best = -Infinity;
      for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) best = Math.max(best, map[r * size + i][c * size + j]);
      return best;
    }));
}

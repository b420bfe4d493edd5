/**
 * What a learning-rate run did, read from its path rather than assumed from the learning
 * rate, so the sentence under the chart is always true of the run on the screen.
 */

export interface PathPoint {
  loss: number;
  slope: number;
}

export type Verdict = 'diverging' | 'overshooting' | 'crawling' | 'settled';

/** A run is settled when its final loss is within this fraction above the best line's. */
export const SETTLED = 0.01;

/**
 * @example
 * verdict(path, 0.2527) // 'crawling' when the loss is still far above the best line's
 */
export function verdict(path: readonly PathPoint[], bestLoss: number, bestSlope: number, diverged = false): Verdict {
  const last = path[path.length - 1];
  if (diverged || !Number.isFinite(last.loss) || last.loss > path[0].loss) return 'diverging';
  // Overshooting: the slope jumps to the other side of the best value again and again.
  if (crossings(path, bestSlope) >= 3) return 'overshooting';
  if (last.loss > bestLoss * (1 + SETTLED)) return 'crawling';
  return 'settled';
}

/**
 * How many steps took the slope from one side of the best slope to the other. Once a run
 * has converged, float rounding flips the sign of tiny differences; those do not count.
 */
export function crossings(path: readonly PathPoint[], bestSlope: number): number {
  const tol = 1e-4 * Math.abs(path[0].slope - bestSlope);
  let n = 0;
  for (let i = 1; i < path.length; i++) {
    const before = path[i - 1].slope - bestSlope;
    const after = path[i].slope - bestSlope;
    if (Math.sign(before) * Math.sign(after) < 0 && Math.abs(before) > tol && Math.abs(after) > tol) n++;
  }
  return n;
}

/** The sentence for a verdict, with the run's own numbers. */
export function verdictText(v: Verdict, path: readonly PathPoint[], bestLoss: number, bestSlope: number): string {
  const steps = path.length - 1;
  const last = path[path.length - 1];
  const ratio = last.loss / bestLoss;
  switch (v) {
    case 'diverging':
      return `Diverging: each step overshoots further than the last, and after ${steps} steps the loss is ${formatRatio(last.loss / path[0].loss)} times where it started.`;
    case 'overshooting': {
      const jumps = `${crossings(path, bestSlope)} of the ${steps} steps jumped the slope past its best value to the other side`;
      return last.loss <= bestLoss * (1 + SETTLED)
        ? `Overshooting: ${jumps}. The jumps shrink, and after ${steps} steps the loss is within 1% of the best line's.`
        : `Overshooting: ${jumps}. After ${steps} steps the loss is still ${formatRatio(ratio)} times the best line's.`;
    }
    case 'crawling':
      return `Crawling: every step is safe but small; after ${steps} steps the loss is still ${formatRatio(ratio)} times the best line's.`;
    case 'settled': {
      const k = path.findIndex((p) => p.loss <= bestLoss * (1 + SETTLED));
      return `Settled: within 1% of the best line's loss after ${k} step${k === 1 ? '' : 's'}.`;
    }
  }
}

function formatRatio(r: number): string {
  if (!Number.isFinite(r)) return 'infinitely many';
  if (r >= 100) return r.toExponential(1).replace('e+', 'e');
  return String(Number(r.toPrecision(3)));
}

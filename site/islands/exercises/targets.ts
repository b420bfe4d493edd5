// Whether a spec meets an exercise's target: one rule for the page (fed by the live
// island's events) and for the test that checks every exercise's start and solution.
import type { Target } from '../../content/exercises/exercise-schema.ts';

/** What is known about the learner's spec: its diagnostics, and the last training run if any. */
export interface SpecOutcome {
  errors: number;
  warnings: number;
  trained?: {
    stopped: 'done' | 'aborted' | 'diverged';
    final: { testAccuracy: number | null; trainAccuracy: number | null; trainLoss: number; testLoss: number | null } | null;
  };
}

export function meetsTarget(target: Target, outcome: SpecOutcome): boolean {
  if (outcome.errors > 0) return false;
  if (target.kind === 'compiles') return target.warnings === false ? outcome.warnings === 0 : true;
  const run = outcome.trained;
  if (!run || run.stopped !== 'done' || !run.final) return false;
  const value = run.final[target.metric];
  if (value === null || !Number.isFinite(value)) return false;
  return target.atLeast !== undefined ? value >= target.atLeast : value <= target.atMost!;
}

const METRIC_NAMES: Record<Extract<Target, { kind: 'trains' }>['metric'], string> = {
  testAccuracy: 'test accuracy',
  trainAccuracy: 'training accuracy',
  trainLoss: 'final training loss',
  testLoss: 'final test loss',
};

function bound(metric: string, value: number): string {
  return metric.endsWith('Accuracy') ? `${Math.round(value * 1000) / 10}%` : String(Number(value.toPrecision(3)));
}

/** The target in words, e.g. "trains to a test accuracy of at least 90%". */
export function describeTarget(target: Target): string {
  if (target.kind === 'compiles') return target.warnings === false ? 'compiles with no errors and no warnings' : 'compiles with no errors';
  const name = METRIC_NAMES[target.metric];
  return target.atLeast !== undefined
    ? `trains to a ${name} of at least ${bound(target.metric, target.atLeast)}`
    : `trains to a ${name} of at most ${bound(target.metric, target.atMost!)}`;
}

/** What the learner reads after a check or a run that misses the target. */
export function describeMiss(target: Target, outcome: SpecOutcome): string {
  if (outcome.errors > 0) return `Not yet: the spec has ${outcome.errors === 1 ? 'an error' : `${outcome.errors} errors`}.`;
  if (target.kind === 'compiles') return `Not yet: it compiles, but with ${outcome.warnings === 1 ? 'a warning' : `${outcome.warnings} warnings`}.`;
  const run = outcome.trained;
  if (!run) return 'It compiles. Now train it.';
  if (run.stopped === 'diverged') return 'Not yet: training diverged.';
  if (run.stopped === 'aborted' || !run.final) return 'Not yet: training was stopped before the end.';
  const value = run.final[target.metric];
  return `Not yet: the ${METRIC_NAMES[target.metric]} is ${value === null ? 'not measured' : bound(target.metric, value)}.`;
}

/**
 * The header's count of examples per set (`90 training, 30 validation and 30 test
 * examples`), counted as the runtime draws the sets. The exported program prints the same.
 */
import type { TrainGraph } from '../../graph/types.ts';
import { holdoutCounts } from '../../check/check-holdout.ts';

export function heldOutSizes(block: Pick<TrainGraph, 'split' | 'validate'>, n: number): string {
  const { train, validation, test } = holdoutCounts(n, block.split, block.validate ?? 0);
  const parts = [`${train} training`];
  if (validation > 0) parts.push(`${validation} validation`);
  if (test > 0) parts.push(`${test} test`);
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `${list} examples`;
}

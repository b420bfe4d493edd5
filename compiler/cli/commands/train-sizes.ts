/**
 * The header's count of examples per set (`90 training, 30 validation and 30 test
 * examples`), as `prepareRun` drew the sets. The exported program prints the same.
 */
import type { RunSizes } from '../../runtime/api.ts';

export function heldOutSizes(sizes: Pick<RunSizes, 'train' | 'validation' | 'test'>): string {
  const { train, validation, test } = sizes;
  const parts = [`${train} training`];
  if (validation > 0) parts.push(`${validation} validation`);
  if (test > 0) parts.push(`${test} test`);
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `${list} examples`;
}

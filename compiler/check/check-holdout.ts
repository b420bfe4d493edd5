/**
 * The held-out sets of a train block: the test split, the validation split drawn from what
 * the test split leaves, and early stopping, which watches the validation loss. Checks the
 * combinations that make no sense: splits that leave no training rows, `stop_after` with
 * nothing to watch, a patience that can never end training early.
 */
import type { DatasetRef } from '../graph/types.ts';
import type { Item } from '../syntax/ast.ts';
import type { Report } from './args.ts';
import { datasetInfo } from '../graph/datasets.ts';
import { diag, M } from '../diagnostics/messages.ts';

export interface HoldoutSettings {
  split: number;
  validate: number;
  validateItem?: Item;
  stopAfter?: number;
  stopAfterItem?: Item;
  epochs: number;
  epochsItem?: Item;
}

/** Examples in the data set, when the spec alone says how many (not for csv files). */
export function exampleCount(data: DatasetRef): number | null {
  const info = datasetInfo(data.name);
  if (!info || data.name === 'csv') return null;
  return info.examples ?? (typeof data.options.n === 'number' ? data.options.n : null);
}

/**
 * Rows held out for testing and for validation out of n, as the runtime and the exported
 * program draw them: ceil(split * n) test rows, then ceil(validate * n) validation rows.
 */
export function holdoutCounts(n: number, split: number, validate: number): { test: number; validation: number; train: number } {
  const test = split > 0 ? Math.ceil(split * n) : 0;
  const validation = validate > 0 ? Math.ceil(validate * n) : 0;
  return { test, validation, train: n - test - validation };
}

export function checkHoldout(s: HoldoutSettings, data: DatasetRef | null, report: Report): void {
  if (s.validateItem && s.validate > 0) {
    const span = s.validateItem.span;
    const n = data ? exampleCount(data) : null;
    if (s.split + s.validate >= 1) {
      report(diag(M.holdoutLeavesNothing, span, s.split, s.validate, null, data?.name ?? null));
    } else if (n !== null && holdoutCounts(n, s.split, s.validate).train < 1) {
      report(diag(M.holdoutLeavesNothing, span, s.split, s.validate, n, data!.name));
    }
  }
  if (s.stopAfter !== undefined && s.stopAfterItem) {
    if (!(s.validate > 0)) {
      report(diag(M.stopWithoutValidation, s.stopAfterItem.span, s.validateItem !== undefined));
    } else if (s.stopAfter >= s.epochs) {
      report(diag(M.stopAfterTooLong, s.stopAfterItem.span, s.stopAfter, s.epochs, s.epochsItem === undefined));
    }
  }
}

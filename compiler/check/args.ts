/**
 * Reading argument values with diagnostics: every reader returns the value or null after
 * reporting what was expected and what was found.
 */
import type { Value } from '../syntax/ast.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { LIMITS } from './limits.ts';
import { diag, M } from '../diagnostics/messages.ts';

export type Report = (d: Diagnostic) => void;

const INT_TEXT = /^-?\d+$/;

/** An integer in [min, max]; `max` above the width limit means "a width" and reports DL0601. */
export function readInt(v: Value, what: string, min: number, max: number, report: Report, widthOf?: string): number | null {
  if (v.kind !== 'int') {
    report(diag(M.wrongArgType, v.span, what, 'an integer', v.text));
    return null;
  }
  const n = Number(v.text);
  if (!INT_TEXT.test(v.text) || !Number.isSafeInteger(n)) {
    report(diag(M.integerTooLarge, v.span, v.text, widthOf ? LIMITS.width : max));
    return null;
  }
  if (widthOf !== undefined && n > LIMITS.width) {
    report(diag(M.layerTooWide, v.span, widthOf, n, LIMITS.width));
    return null;
  }
  if (n < min || n > max) {
    report(diag(M.outOfRange, v.span, what, rangeText(min, max), v.text));
    return null;
  }
  return n;
}

function rangeText(min: number, max: number): string {
  if (max >= LIMITS.integer) return min === 0 ? 'an integer of 0 or more' : `an integer of ${min} or more`;
  return `an integer from ${min} to ${max.toLocaleString('en-US')}`;
}

export interface NumberRange {
  /** Inclusive bounds unless the `open` flags say otherwise. */
  min?: number;
  max?: number;
  minOpen?: boolean;
  maxOpen?: boolean;
  /** Words for the message, e.g. "greater than 0" or "from 0 up to 1 (not 1)". */
  text: string;
  /** Help when out of range. */
  fix?: string;
}

/** A number (integer or decimal) in a range. */
/** Whether `n` lies in `range`, open or closed at each end as the range says. */
export function inRange(n: number, range: NumberRange): boolean {
  const low = range.min === undefined || (range.minOpen ? n > range.min : n >= range.min);
  const high = range.max === undefined || (range.maxOpen ? n < range.max : n <= range.max);
  return low && high;
}

export function readNumber(v: Value, what: string, range: NumberRange, report: Report): number | null {
  if (v.kind !== 'int' && v.kind !== 'decimal') {
    report(diag(M.wrongArgType, v.span, what, 'a number', v.text));
    return null;
  }
  const n = Number(v.text);
  if (!Number.isFinite(n) || (v.kind === 'int' && !Number.isSafeInteger(n))) {
    report(diag(M.integerTooLarge, v.span, v.text, LIMITS.integer));
    return null;
  }
  if (!inRange(n, range)) {
    report(diag(M.outOfRange, v.span, what, range.text, v.text, range.fix));
    return null;
  }
  return n;
}

export function readBool(v: Value, what: string, report: Report): boolean | null {
  if (v.kind === 'ident' && (v.text === 'true' || v.text === 'false')) return v.text === 'true';
  report(diag(M.wrongArgType, v.span, what, '`true` or `false`', v.text));
  return null;
}

/** A shape `AxBxC` with every dimension in 1..width limit. */
export function readShape(v: Value, what: string, report: Report): number[] | null {
  if (v.kind === 'int') {
    const n = readInt(v, what, 1, LIMITS.integer, report, what);
    return n === null ? null : [n];
  }
  if (v.kind !== 'shape') {
    report(diag(M.wrongArgType, v.span, what, 'a size or a shape like `1x8x8`', v.text));
    return null;
  }
  const dims = v.text.split('x').map(Number);
  for (const d of dims) {
    if (!Number.isSafeInteger(d)) {
      report(diag(M.integerTooLarge, v.span, v.text, LIMITS.width));
      return null;
    }
    if (d > LIMITS.width) {
      report(diag(M.layerTooWide, v.span, what, d, LIMITS.width));
      return null;
    }
    if (d < 1) {
      report(diag(M.outOfRange, v.span, `every dimension of ${what}`, 'at least 1', v.text));
      return null;
    }
  }
  return dims;
}

/**
 * Reads an item's arguments against a signature: positional arguments in order, then
 * `key=value` options in any order. Unknown options get "did you mean", duplicates and
 * extra arguments are reported, missing required arguments too.
 */
import type { Arg, Item, Value } from '../syntax/ast.ts';
import type { Report } from './args.ts';
import { readBool, readInt, readNumber } from './args.ts';
import type { NumberRange } from './args.ts';
import { LIMITS } from './limits.ts';
import { diag, M } from '../diagnostics/messages.ts';
import { suggest } from './suggest.ts';

export type ArgValue = number | boolean | string | number[];

export interface PositionalSpec {
  key: string;
  /** How it reads: `I->O`, a size, a window `K` or `KxK`, a number in a range, a name. */
  kind: 'arrow' | 'size' | 'window' | 'int' | 'number' | 'name' | 'batch';
  /** Words for messages, e.g. "the sizes I->O". */
  what: string;
  required: boolean;
  range?: NumberRange;
}

export type OptionSpec =
  | { kind: 'bool'; default: boolean; doc: string }
  | { kind: 'int'; default: number | null; min: number; max: number; doc: string }
  | { kind: 'number'; default: number; range: NumberRange; doc: string }
  | { kind: 'string'; default: string | null; doc: string }
  | { kind: 'name'; default: string | null; doc: string };

export interface Signature {
  /** The owner's name for messages: `linear`, `adam`, `spiral`. */
  owner: string;
  /** How to write it, e.g. `linear I->O`, shown in help. */
  usage: string;
  /** A complete example, shown when an argument is missing. */
  example: string;
  positional: PositionalSpec[];
  options: Record<string, OptionSpec>;
}

export type ArgValues = Record<string, ArgValue | null | undefined>;

export function itemText(item: Item): string {
  const head = item.equals ? `${item.name.text}=${item.equals.text}` : item.name.text;
  return [head, ...item.args.map((a) => a.text)].join(' ');
}

function readPositional(spec: PositionalSpec, arg: Arg, owner: string, report: Report): ArgValue | null {
  switch (spec.kind) {
    case 'arrow': {
      if (arg.kind !== 'arrow') {
        report(diag(M.wrongArgType, arg.span, `the sizes of \`${owner}\``, '`I->O` (for example `4->32`)', arg.text));
        return null;
      }
      const from = readInt(arg.from, `the input size of \`${owner}\``, 1, LIMITS.integer, report, `\`${owner}\``);
      const to = readInt(arg.to, `the output size of \`${owner}\``, 1, LIMITS.integer, report, `\`${owner}\``);
      return from === null || to === null ? null : [from, to];
    }
    case 'size':
      return asValue(arg, spec, report, (v) => readInt(v, spec.what, 1, LIMITS.integer, report, `\`${owner}\``));
    case 'window':
      return asValue(arg, spec, report, (v) => {
        if (v.kind !== 'shape') {
          const k = readInt(v, spec.what, 1, LIMITS.integer, report, `\`${owner}\``);
          return k === null ? null : [k, k];
        }
        // `KhxKw`: read each side as an integer of its own, with the same checks.
        const dims = v.text.split('x');
        if (dims.length !== 2) {
          report(diag(M.wrongArgType, v.span, spec.what, 'an integer `K` or `KxK`', v.text));
          return null;
        }
        const sides = dims.map((d) => readInt({ ...v, kind: 'int', text: d }, spec.what, 1, LIMITS.integer, report, `\`${owner}\``));
        return sides[0] == null || sides[1] == null ? null : [sides[0], sides[1]];
      });
    case 'int':
      return asValue(arg, spec, report, (v) => readInt(v, spec.what, spec.range!.min!, spec.range!.max!, report));
    case 'number':
      return asValue(arg, spec, report, (v) => readNumber(v, spec.what, spec.range!, report));
    case 'batch':
      return asValue(arg, spec, report, (v) => {
        if (v.kind === 'ident' && v.text === 'full') return 0;
        if (v.kind === 'ident') {
          report(diag(M.wrongArgType, v.span, spec.what, '`full` or a number of examples', v.text));
          return null;
        }
        return readInt(v, spec.what, 1, LIMITS.examples, report);
      });
    case 'name':
      return asValue(arg, spec, report, (v) => {
        if (v.kind === 'ident') return v.text;
        report(diag(M.wrongArgType, v.span, spec.what, 'a name', v.text));
        return null;
      });
  }
}

function asValue(arg: Arg, spec: PositionalSpec, report: Report, read: (v: Value) => ArgValue | null): ArgValue | null {
  if (arg.kind === 'arrow' || arg.kind === 'option') {
    report(diag(M.wrongArgType, arg.span, spec.what, describeKind(spec.kind), arg.text));
    return null;
  }
  return read(arg);
}

function describeKind(kind: PositionalSpec['kind']): string {
  return { arrow: '`I->O`', size: 'an integer', window: 'an integer `K` or `KxK`', int: 'an integer', number: 'a number', name: 'a name', batch: '`full` or a number' }[kind];
}

export function readOption(spec: OptionSpec, v: Value, owner: string, key: string, report: Report): ArgValue | null {
  const what = `\`${key}\` of \`${owner}\``;
  switch (spec.kind) {
    case 'bool':
      return readBool(v, what, report);
    case 'int':
      return readInt(v, what, spec.min, spec.max, report);
    case 'number':
      return readNumber(v, what, spec.range, report);
    case 'string':
      if (v.kind === 'string') return v.value;
      report(diag(M.wrongArgType, v.span, what, 'a string in double quotes', v.text));
      return null;
    case 'name':
      if (v.kind === 'ident' || v.kind === 'string') return v.kind === 'string' ? v.value : v.text;
      report(diag(M.wrongArgType, v.span, what, 'a name', v.text));
      return null;
  }
}

const NO_VALUES: ArgValues = Object.freeze({});

function hasOptions(sig: Signature): boolean {
  for (const _ in sig.options) return true;
  return false;
}

/**
 * Reads `args` (an item's arguments, or a train header's options) against `sig`.
 * Returns null if anything was wrong; the problems are reported.
 */
export function readArgs(args: Arg[], sig: Signature, report: Report, whole: { span: Item['span'] }): ArgValues | null {
  // Most items of a big net are `relu`-like: no arguments, nothing to read.
  if (args.length === 0 && sig.positional.length === 0 && !hasOptions(sig)) return NO_VALUES;
  const values: ArgValues = {};
  // Lines where each option was given, made only for items that have options.
  let seen: Map<string, number> | undefined;
  let ok = true;
  let next = 0;
  for (const arg of args) {
    if (arg.kind === 'option') {
      const key = arg.key.text;
      // Own properties only: `constructor=1` must not find Object.prototype's.
      const spec = Object.hasOwn(sig.options, key) ? sig.options[key] : undefined;
      if (!spec) {
        const known = Object.keys(sig.options);
        report(diag(M.unknownOption, arg.key.span, key, sig.owner, known, suggest(key, known)));
        ok = false;
        continue;
      }
      seen ??= new Map();
      const line = seen.get(key);
      if (line !== undefined) {
        report(diag(M.duplicate, arg.span, `\`${key}\``, line));
        ok = false;
        continue;
      }
      seen.set(key, arg.span.line);
      const value = readOption(spec, arg.value, sig.owner, key, report);
      if (value === null) ok = false;
      values[key] = value;
      continue;
    }
    const spec = sig.positional[next++];
    if (!spec) {
      report(diag(M.extraArg, arg.span, sig.owner, arg.text, sig.usage));
      ok = false;
      continue;
    }
    const value = readPositional(spec, arg, sig.owner, report);
    if (value === null) ok = false;
    values[spec.key] = value;
  }
  for (let i = next; i < sig.positional.length; i++) {
    const spec = sig.positional[i]!;
    if (spec.required) {
      report(diag(M.missingArg, whole.span, sig.owner, spec.what, sig.example));
      ok = false;
      break;
    }
  }
  for (const key in sig.options) {
    if (!(key in values)) values[key] = sig.options[key]!.default;
  }
  return ok ? values : null;
}

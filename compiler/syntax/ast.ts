/**
 * The abstract syntax tree: what the source says, with a span on everything, and nothing
 * checked yet. Numbers keep their source text so the checker can report absurd integers
 * and the formatter can print them as written.
 */
import type { Span } from '../graph/types.ts';

export interface Located {
  span: Span;
  /** Offsets into the source, for the formatter: start inclusive, end exclusive. */
  start: number;
  end: number;
}

export interface Name extends Located {
  text: string;
}

export type Value =
  | (Located & { kind: 'int'; text: string })
  | (Located & { kind: 'decimal'; text: string })
  | (Located & { kind: 'shape'; text: string })
  | (Located & { kind: 'string'; text: string; value: string })
  | (Located & { kind: 'ident'; text: string });

/** A size: written as an integer, or as a decimal that the checker then rejects. */
export type NumberValue = Value & { kind: 'int' | 'decimal' };

export type Arg =
  | Value
  | (Located & { kind: 'arrow'; text: string; from: NumberValue; to: NumberValue })
  | (Located & { kind: 'option'; text: string; key: Name; value: Value });

export type OptionArg = Arg & { kind: 'option' };

export interface Item extends Located {
  name: Name;
  /** The value of `name=value`, a slip for `name value` that the checker reports (DL0307). */
  equals?: Value;
  args: Arg[];
}

/** The `<` and `>` around a declaration's items, for the formatter's comment placement. */
export interface Body {
  open: Located;
  close: Located;
}

export interface NetDecl extends Located {
  kind: 'net';
  name: Name;
  items: Item[];
  body: Body;
}

export interface TrainDecl extends Located {
  kind: 'train';
  net: Name;
  dataset: Name;
  options: OptionArg[];
  items: Item[];
  body: Body;
}

export type Decl = NetDecl | TrainDecl;

export interface Comment extends Located {
  text: string;
}

export interface SpecAst {
  decls: Decl[];
  comments: Comment[];
}

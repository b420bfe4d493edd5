/**
 * The CST -> AST visitor: the one place that knows the CST's shape. It runs only on a
 * CST without syntax errors, so every token the grammar requires is present.
 */
import type { CstNode, IToken } from 'chevrotain';
import type { Span } from '../graph/types.ts';
import type { Arg, Body, Decl, Item, Located, Name, NetDecl, NumberValue, OptionArg, SpecAst, TrainDecl, Value } from './ast.ts';
import { parser } from './parser.ts';

type Children = Record<string, (CstNode | IToken)[] | undefined>;

function spanOf(t: IToken): Span {
  return { line: t.startLine ?? 1, column: t.startColumn ?? 1, endLine: t.endLine ?? 1, endColumn: (t.endColumn ?? 0) + 1 };
}

export function tokenLocation(t: IToken): Located {
  return { span: spanOf(t), start: t.startOffset, end: (t.endOffset ?? t.startOffset) + 1 };
}

function spanBetween(a: Located, b: Located): Span {
  return { line: a.span.line, column: a.span.column, endLine: b.span.endLine, endColumn: b.span.endColumn };
}

function between(a: Located, b: Located): Located {
  return { span: spanBetween(a, b), start: a.start, end: b.end };
}

function tok(ctx: Children, key: string, i = 0): IToken {
  return ctx[key]![i] as IToken;
}

function node(ctx: Children, key: string, i = 0): CstNode {
  return ctx[key]![i] as CstNode;
}

// Leaves are built field by field, not by spreading a temporary: this runs for every token.
function name(t: IToken): Name {
  return { span: spanOf(t), start: t.startOffset, end: t.endOffset! + 1, text: t.image };
}

function leaf<K extends 'int' | 'decimal' | 'shape' | 'ident'>(kind: K, t: IToken) {
  return { kind, span: spanOf(t), start: t.startOffset, end: t.endOffset! + 1, text: t.image };
}

/** `"a\"b"` -> `a"b`: the escapes a JSON string has, plus any other escaped character as itself. */
function unquote(image: string): string {
  return image.slice(1, -1).replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, e: string) => {
    if (e.length === 5) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[e] ?? e;
  });
}

const BaseVisitor = parser.getBaseCstVisitorConstructor();

class ToAst extends BaseVisitor {
  constructor() {
    super();
    this.validateVisitor();
  }

  spec(ctx: Children): Decl[] {
    return (ctx.decl ?? []).map((d) => this.visit(d as CstNode) as Decl);
  }

  decl(ctx: Children): Decl {
    return this.visit(node(ctx, ctx.net ? 'net' : 'train'));
  }

  net(ctx: Children): NetDecl {
    const { items, body } = this.visit(node(ctx, 'body')) as { items: Item[]; body: Body };
    return { kind: 'net', ...between(tokenLocation(tok(ctx, 'Net')), body.close), name: name(tok(ctx, 'Ident')), items, body };
  }

  train(ctx: Children): TrainDecl {
    const { items, body } = this.visit(node(ctx, 'body')) as { items: Item[]; body: Body };
    return {
      kind: 'train',
      ...between(tokenLocation(tok(ctx, 'Train')), body.close),
      net: name(tok(ctx, 'netName')),
      dataset: name(tok(ctx, 'dataset')),
      options: (ctx.keyValue ?? []).map((o) => this.visit(o as CstNode) as OptionArg),
      items,
      body,
    };
  }

  body(ctx: Children): { items: Item[]; body: Body } {
    return {
      items: (ctx.item ?? []).map((i) => this.visit(i as CstNode) as Item),
      body: { open: tokenLocation(tok(ctx, 'LAngle')), close: tokenLocation(tok(ctx, 'RAngle')) },
    };
  }

  item(ctx: Children): Item {
    const args = (ctx.arg ?? []).map((a) => this.visit(a as CstNode) as Arg);
    const head = name(tok(ctx, 'Ident'));
    const equals = ctx.literal ? (this.visit(node(ctx, 'literal')) as Value) : undefined;
    const last = args.length ? args[args.length - 1]! : (equals ?? head);
    const item: Item = { span: spanBetween(head, last), start: head.start, end: last.end, name: head, args };
    if (equals) item.equals = equals;
    return item;
  }

  arg(ctx: Children): Arg {
    if (ctx.keyValue) return this.visit(node(ctx, 'keyValue'));
    if (ctx.number) {
      const from = this.visit(node(ctx, 'number')) as NumberValue;
      if (!ctx.Arrow) return from;
      const to = this.visit(node(ctx, 'number', 1)) as NumberValue;
      return { kind: 'arrow', span: spanBetween(from, to), start: from.start, end: to.end, text: `${from.text}->${to.text}`, from, to };
    }
    return this.literal(ctx);
  }

  number(ctx: Children): NumberValue {
    return this.literal(ctx) as NumberValue;
  }

  keyValue(ctx: Children): OptionArg {
    const key = name(tok(ctx, 'Ident'));
    const value = this.visit(node(ctx, 'literal')) as Value;
    return { kind: 'option', span: spanBetween(key, value), start: key.start, end: value.end, text: `${key.text}=${value.text}`, key, value };
  }

  literal(ctx: Children): Value {
    if (ctx.Int) return leaf('int', tok(ctx, 'Int'));
    if (ctx.Decimal) return leaf('decimal', tok(ctx, 'Decimal'));
    if (ctx.Shape) return leaf('shape', tok(ctx, 'Shape'));
    if (ctx.Str) {
      const t = tok(ctx, 'Str');
      return { kind: 'string', ...tokenLocation(t), text: t.image, value: unquote(t.image) };
    }
    return leaf('ident', tok(ctx, 'Ident'));
  }
}

const toAst = new ToAst();

export function cstToDecls(cst: CstNode): Decl[] {
  return toAst.visit(cst) as Decl[];
}

export type { SpecAst };

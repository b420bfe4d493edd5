/**
 * The CST -> AST visitor: the one place that knows the CST's shape. It runs only on a
 * CST without syntax errors, so every token the grammar requires is present.
 */
import type { CstNode, IToken } from 'chevrotain';
import type { Arg, Body, Decl, Item, Located, Name, NetDecl, NumberValue, OptionArg, SpecAst, TrainDecl, Value } from './ast.ts';
import { parser } from './parser.ts';

type Children = Record<string, (CstNode | IToken)[] | undefined>;

export function tokenLocation(t: IToken): Located {
  return {
    span: { line: t.startLine ?? 1, column: t.startColumn ?? 1, endLine: t.endLine ?? 1, endColumn: (t.endColumn ?? 0) + 1 },
    start: t.startOffset,
    end: (t.endOffset ?? t.startOffset) + 1,
  };
}

function between(a: Located, b: Located): Located {
  return {
    span: { line: a.span.line, column: a.span.column, endLine: b.span.endLine, endColumn: b.span.endColumn },
    start: a.start,
    end: b.end,
  };
}

function tok(ctx: Children, key: string, i = 0): IToken {
  return ctx[key]![i] as IToken;
}

function node(ctx: Children, key: string, i = 0): CstNode {
  return ctx[key]![i] as CstNode;
}

function name(t: IToken): Name {
  return { ...tokenLocation(t), text: t.image };
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
    return equals ? { ...between(head, last), name: head, equals, args } : { ...between(head, last), name: head, args };
  }

  arg(ctx: Children): Arg {
    if (ctx.keyValue) return this.visit(node(ctx, 'keyValue'));
    if (ctx.number) {
      const from = this.visit(node(ctx, 'number')) as NumberValue;
      if (!ctx.Arrow) return from;
      const to = this.visit(node(ctx, 'number', 1)) as NumberValue;
      return { kind: 'arrow', ...between(from, to), text: `${from.text}->${to.text}`, from, to };
    }
    return this.literal(ctx);
  }

  number(ctx: Children): NumberValue {
    return this.literal(ctx) as NumberValue;
  }

  keyValue(ctx: Children): OptionArg {
    const key = name(tok(ctx, 'Ident'));
    const value = this.visit(node(ctx, 'literal')) as Value;
    return { kind: 'option', ...between(key, value), text: `${key.text}=${value.text}`, key, value };
  }

  literal(ctx: Children): Value {
    if (ctx.Int) return { kind: 'int', ...tokenLocation(tok(ctx, 'Int')), text: tok(ctx, 'Int').image };
    if (ctx.Decimal) return { kind: 'decimal', ...tokenLocation(tok(ctx, 'Decimal')), text: tok(ctx, 'Decimal').image };
    if (ctx.Shape) return { kind: 'shape', ...tokenLocation(tok(ctx, 'Shape')), text: tok(ctx, 'Shape').image };
    if (ctx.Str) {
      const t = tok(ctx, 'Str');
      return { kind: 'string', ...tokenLocation(t), text: t.image, value: unquote(t.image) };
    }
    return { kind: 'ident', ...tokenLocation(tok(ctx, 'Ident')), text: tok(ctx, 'Ident').image };
  }
}

const toAst = new ToAst();

export function cstToDecls(cst: CstNode): Decl[] {
  return toAst.visit(cst) as Decl[];
}

export type { SpecAst };

/**
 * The canonical layout of a spec. Declarations are separated by one blank line; items are
 * indented by two spaces; a layer that holds weights or changes the shape starts a line,
 * and the activations and batchnorm after it follow on that line (dropout starts its own):
 *
 *   net Iris <
 *     linear 4->32; relu;
 *     linear 32->16; relu;
 *     linear 16->3
 *   >
 *
 * Each training setting gets its own line, but `standardize` follows `split`. Comments are kept: a comment that ends a line
 * of code stays at the end of that line, other comments keep their own lines, and single
 * blank lines between items or comments are kept. Formatting twice changes nothing.
 */
import { LAYERS } from '../check/layers.ts';
import type { Arg, Comment, Decl, Item } from './ast.ts';

/** Items that follow the previous item on its line rather than starting one: the op table says which. */
const FOLLOWERS = new Set(Object.values(LAYERS).filter((rule) => rule.follows).map((rule) => rule.op));
/** In a train block, data settings share a line: `split 0.2; standardize;`. */
const TRAIN_FOLLOWERS = new Set(['standardize']);
const INDENT = '  ';

function argText(a: Arg): string {
  return a.text;
}

function itemText(item: Item): string {
  const head = item.equals ? `${item.name.text}=${item.equals.text}` : item.name.text;
  return [head, ...item.args.map(argText)].join(' ');
}

function header(decl: Decl): string {
  if (decl.kind === 'net') return `net ${decl.name.text} <`;
  return ['train', decl.net.text, 'on', decl.dataset.text, ...decl.options.map(argText), '<'].join(' ');
}

class Printer {
  lines: string[] = [];
  /** The line being built, or null when the last line is complete. */
  current: string | null = null;
  /** The source line of the last thing printed, to tell trailing comments and blank lines. */
  lastLine = 0;
  /** True right after a declaration's `>`: what follows at the top level gets a blank line. */
  afterDecl = false;
  next = 0;
  comments: Comment[];

  constructor(comments: Comment[]) {
    this.comments = comments;
  }

  endLine(): void {
    if (this.current !== null) this.lines.push(this.current);
    this.current = null;
  }

  blankIf(gap: boolean): void {
    if (gap && this.lines.length > 0 && this.lines[this.lines.length - 1] !== '') this.lines.push('');
  }

  /** Prints every comment that starts before `offset`. */
  commentsBefore(offset: number, indent: string): void {
    while (this.next < this.comments.length && this.comments[this.next]!.start < offset) {
      const c = this.comments[this.next++]!;
      const text = c.text.trimEnd();
      if (this.current !== null && c.span.line === this.lastLine) {
        this.current += `  ${text}`;
        this.endLine();
      } else {
        this.endLine();
        this.blankIf(c.span.line > this.lastLine + 1 || this.afterDecl);
        this.lines.push(indent + text);
        this.afterDecl = false;
      }
      this.lastLine = c.span.line;
    }
  }

  decl(decl: Decl, perLine: (item: Item) => boolean): void {
    // Comments inside the header move above it: a header stays on one line.
    this.commentsBefore(decl.body.open.start, '');
    this.endLine();
    this.blankIf(this.afterDecl || decl.span.line > this.lastLine + 1);
    this.afterDecl = false;
    this.current = header(decl);
    this.lastLine = decl.body.open.span.line;
    const items = decl.items;
    const hasComments = this.next < this.comments.length && this.comments[this.next]!.start < decl.body.close.start;
    if (items.length === 0 && !hasComments) {
      this.current += ' >';
      this.lastLine = decl.body.close.span.line;
      this.afterDecl = true;
      return;
    }
    items.forEach((item, i) => {
      this.commentsBefore(item.start, INDENT);
      const gap = item.span.line > this.lastLine + 1;
      if (i === 0 || this.current === null || gap || perLine(item)) {
        this.endLine();
        this.blankIf(gap && i > 0);
        this.current = INDENT + itemText(item);
      } else {
        this.current += ` ${itemText(item)}`;
      }
      if (i < items.length - 1) this.current += ';';
      this.lastLine = item.span.endLine;
    });
    this.commentsBefore(decl.body.close.start, INDENT);
    this.endLine();
    this.current = '>';
    this.lastLine = decl.body.close.span.line;
    this.afterDecl = true;
  }
}

/** Prints a parsed spec in the canonical layout. */
export function printSpec(decls: Decl[], comments: Comment[]): string {
  const p = new Printer(comments);
  decls.forEach((decl) => {
    p.commentsBefore(decl.start, '');
    p.decl(decl, (item) => !(decl.kind === 'train' ? TRAIN_FOLLOWERS : FOLLOWERS).has(item.name.text));
  });
  p.commentsBefore(Infinity, '');
  p.endLine();
  return p.lines.length ? `${p.lines.join('\n')}\n` : '';
}


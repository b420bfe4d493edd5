/**
 * Source text -> AST, collecting every lexical and syntax error. Chevrotain recovers inside
 * a declaration; between declarations this skips to the next `net` or `train` keyword and
 * parses on, so one run reports the errors of every declaration.
 */
import type { IRecognitionException, IToken } from 'chevrotain';
import { tokenMatcher } from 'chevrotain';
import type { Diagnostic } from '../check/diagnostic.ts';
import { diag, M } from '../check/messages.ts';
import type { Span } from '../graph/types.ts';
import type { Comment, Decl, SpecAst } from './ast.ts';
import { parser } from './parser.ts';
import { cstToDecls, tokenLocation } from './to-ast.ts';
import { lexer, Net, Train } from './tokens.ts';

export const MAX_SYNTAX_ERRORS = 100;

export interface ParseResult {
  /** Null when there is any syntax error: later stages only see well-formed trees. */
  ast: SpecAst | null;
  diagnostics: Diagnostic[];
}

/** The span of the position just after a token (for "expected `>`" at the end of a file). */
function after(t: IToken | undefined): Span {
  if (!t || Number.isNaN(t.startOffset)) return { line: 1, column: 1, endLine: 1, endColumn: 2 };
  const { span } = tokenLocation(t);
  return { line: span.endLine, column: span.endColumn, endLine: span.endLine, endColumn: span.endColumn + 1 };
}

function describe(t: IToken): string {
  if (t.tokenType.name === 'EOF') return 'end of file';
  const image = t.image.length > 30 ? `${t.image.slice(0, 27)}...` : t.image;
  return `\`${image}\``;
}

function syntaxDiagnostic(e: IRecognitionException): Diagnostic {
  const t = e.token;
  const atEnd = t.tokenType.name === 'EOF' || Number.isNaN(t.startOffset);
  const span = atEnd ? after((e as { previousToken?: IToken }).previousToken) : tokenLocation(t).span;
  if (e.name === 'NotAllInputParsedException') return diag(M.expectedDecl, span, describe(t));
  return diag(M.expectedToken, span, e.message, describe(t));
}

export function parse(source: string): ParseResult {
  const diagnostics: Diagnostic[] = [];
  const lexed = lexer.tokenize(source);
  for (const e of lexed.errors) {
    const span: Span = { line: e.line ?? 1, column: e.column ?? 1, endLine: e.line ?? 1, endColumn: (e.column ?? 1) + e.length };
    const ch = source[e.offset] ?? '';
    diagnostics.push(ch === '"' ? diag(M.unterminatedString, span) : diag(M.unexpectedChar, span, ch));
  }

  const decls: Decl[] = [];
  let tokens = lexed.tokens;
  while (tokens.length > 0) {
    parser.input = tokens;
    const cst = parser.spec();
    const errors = parser.errors;
    for (const e of errors) diagnostics.push(syntaxDiagnostic(e));
    if (errors.length === 0) decls.push(...cstToDecls(cst));
    // Chevrotain stops at input it cannot start a declaration with; resume at the next keyword.
    const stuck = errors.find((e) => e.name === 'NotAllInputParsedException');
    if (!stuck) break;
    const from = tokens.indexOf(stuck.token);
    let next = from + 1;
    while (next < tokens.length && !tokenMatcher(tokens[next]!, Net) && !tokenMatcher(tokens[next]!, Train)) next++;
    tokens = tokens.slice(next);
    if (diagnostics.length > MAX_SYNTAX_ERRORS) break;
  }

  if (diagnostics.length > MAX_SYNTAX_ERRORS) {
    const shown = diagnostics.slice(0, MAX_SYNTAX_ERRORS);
    const last = shown[shown.length - 1]!;
    return { ast: null, diagnostics: [...shown, diag(M.tooManyErrors, last, MAX_SYNTAX_ERRORS)] };
  }
  if (diagnostics.length > 0) return { ast: null, diagnostics };

  const comments: Comment[] = ((lexed.groups.comments ?? []) as IToken[]).map((t) => ({ ...tokenLocation(t), text: t.image }));
  return { ast: { decls, comments }, diagnostics };
}

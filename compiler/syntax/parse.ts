/**
 * Source text -> AST, collecting every lexical and syntax error. Chevrotain's recovery
 * (single-token insertion and deletion, re-sync in repetitions, including between
 * declarations) means one run reports the errors of every declaration.
 */
import type { IRecognitionException, IToken } from 'chevrotain';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { diag, M } from '../diagnostics/messages.ts';
import type { Span } from '../graph/types.ts';
import type { Comment, SpecAst } from './ast.ts';
import { parser, TOP_LEVEL } from './parser.ts';
import { cstToDecls, tokenLocation } from './to-ast.ts';
import { lexer } from './tokens.ts';

export const MAX_SYNTAX_ERRORS = 100;

export interface ParseResult {
  /** Null when there is any syntax error: later stages only see well-formed trees. */
  ast: SpecAst | null;
  diagnostics: Diagnostic[];
}

/** The empty span just after a token (for "expected `>`" at the end of a file). */
function after(t: IToken | undefined): Span {
  if (!t || Number.isNaN(t.startOffset)) return { line: 1, column: 1, endLine: 1, endColumn: 1 };
  const { span } = tokenLocation(t);
  return { line: span.endLine, column: span.endColumn, endLine: span.endLine, endColumn: span.endColumn };
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
  if (e.message === TOP_LEVEL) return diag(M.expectedDecl, span, describe(t));
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

  parser.input = lexed.tokens;
  const cst = parser.spec();
  for (const e of parser.errors) diagnostics.push(syntaxDiagnostic(e));

  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  if (diagnostics.length > MAX_SYNTAX_ERRORS) {
    const shown = diagnostics.slice(0, MAX_SYNTAX_ERRORS);
    const last = shown[shown.length - 1]!;
    return { ast: null, diagnostics: [...shown, diag(M.tooManyErrors, last, MAX_SYNTAX_ERRORS)] };
  }
  if (diagnostics.length > 0) return { ast: null, diagnostics };

  const comments: Comment[] = ((lexed.groups.comments ?? []) as IToken[]).map((t) => ({ ...tokenLocation(t), text: t.image }));
  return { ast: { decls: cstToDecls(cst), comments }, diagnostics };
}

/**
 * Diagnostics as text for people: `file:line:col: error DL0401: message`, the source line
 * with a caret underline, then `help: ...`. ANSI colour only when asked for.
 */
import type { Diagnostic } from './diagnostic.ts';
import { shown } from './display.ts';

export interface RenderOptions {
  file: string;
  color?: boolean;
}

/** The widest source line shown; a longer one is shown as a window around the column. */
const MAX_LINE = 160;

/** The part of a long line around `column`, with an ellipsis at each cut end. */
function windowed(text: string, column: number, end: number): { text: string; column: number; end: number } {
  if (text.length <= MAX_LINE) return { text, column, end };
  const start = Math.max(0, Math.min(column - 1 - 40, text.length - MAX_LINE));
  const stop = start + MAX_LINE;
  const head = start > 0 ? '…' : '';
  const tail = stop < text.length ? '…' : '';
  const shift = start - head.length;
  return { text: `${head}${text.slice(start, stop)}${tail}`, column: column - shift, end: Math.min(end, stop + 1) - shift };
}

const STYLE = { bold: '1', red: '31', yellow: '33', cyan: '36', blue: '34' } as const;

export function renderDiagnostics(source: string, diagnostics: Diagnostic[], opts: RenderOptions): string {
  const paint = (style: keyof typeof STYLE, s: string) => (opts.color ? `\x1b[${STYLE[style]}m${s}\x1b[0m` : s);
  // The lexer's line breaks: LF, CRLF and a lone CR.
  const lines = source.split(/\r\n?|\n/);
  const out: string[] = [];
  for (const d of diagnostics) {
    if (out.length) out.push('');
    const colour = d.severity === 'error' ? 'red' : d.severity === 'warning' ? 'yellow' : 'blue';
    out.push(`${paint('bold', `${shown(opts.file)}:${d.line}:${d.column}:`)} ${paint(colour, `${d.severity} ${d.code}`)}: ${paint('bold', shown(d.message, 400))}`);
    // Control characters (a NUL in a binary file) would garble the terminal: show them as U+FFFD.
    const raw = lines[d.line - 1]?.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udfff]/gu, '\ufffd');
    if (raw !== undefined) {
      const w = windowed(raw, d.column, d.endLine === d.line ? d.endColumn : raw.length + 1);
      const text = w.text;
      const gutter = String(d.line);
      const pad = ' '.repeat(gutter.length);
      // Keep tabs in the indent so the caret lines up under the same characters.
      const indent = text.slice(0, w.column - 1).replace(/[^\t]/g, ' ');
      const width = Math.max(1, Math.min(w.end, text.length + 1) - w.column);
      out.push(`${paint('blue', `${gutter} |`)} ${text}`);
      out.push(`${paint('blue', `${pad} |`)} ${indent}${paint(colour, '^'.repeat(width))}`);
    }
    if (d.help) out.push(`${paint('cyan', 'help')}: ${shown(d.help, 400)}`);
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

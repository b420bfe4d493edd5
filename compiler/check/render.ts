/**
 * Diagnostics as text for people: `file:line:col: error DL0401: message`, the source line
 * with a caret underline, then `help: ...`. ANSI colour only when asked for.
 */
import type { Diagnostic } from './diagnostic.ts';

export interface RenderOptions {
  file: string;
  color?: boolean;
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
    out.push(`${paint('bold', `${opts.file}:${d.line}:${d.column}:`)} ${paint(colour, `${d.severity} ${d.code}`)}: ${paint('bold', d.message)}`);
    // Control characters (a NUL in a binary file) would garble the terminal: show them as U+FFFD.
    const text = lines[d.line - 1]?.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '\ufffd');
    if (text !== undefined) {
      const gutter = String(d.line);
      const pad = ' '.repeat(gutter.length);
      // Keep tabs in the indent so the caret lines up under the same characters.
      const indent = text.slice(0, d.column - 1).replace(/[^\t]/g, ' ');
      const end = d.endLine === d.line ? d.endColumn : text.length + 1;
      const width = Math.max(1, end - d.column);
      out.push(`${paint('blue', `${gutter} |`)} ${text}`);
      out.push(`${paint('blue', `${pad} |`)} ${indent}${paint(colour, '^'.repeat(width))}`);
    }
    if (d.help) out.push(`${paint('cyan', 'help')}: ${d.help}`);
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

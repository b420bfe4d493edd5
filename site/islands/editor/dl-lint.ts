/**
 * Shows the compiler's diagnostics inline: each one underlines its span and carries its
 * code, message and help line, the same data the CLI prints.
 */
import type { Text } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import { linter, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import type { Diagnostic } from 'dlc';

/** Offset of a 1-based line and column, clamped into the document. */
function offsetOf(doc: Text, line: number, column: number): number {
  if (line < 1) return 0;
  if (line > doc.lines) return doc.length;
  const l = doc.line(line);
  return Math.min(l.from + Math.max(column - 1, 0), l.to);
}

/**
 * An empty span (a missing `>` at the end, say) would be an invisible underline: widen it to
 * the character it points at, or the one before at the end of a line.
 */
export function diagnosticRange(doc: Text, d: Diagnostic): { from: number; to: number } {
  let from = offsetOf(doc, d.line, d.column);
  let to = Math.max(from, offsetOf(doc, d.endLine, d.endColumn));
  if (from === to) {
    if (to < doc.length && doc.sliceString(to, to + 1) !== '\n') to += 1;
    else if (from > 0) from -= 1;
  }
  return { from, to };
}

function renderMessage(d: Diagnostic): Node {
  const box = document.createElement('div');
  box.className = 'dl-diag';
  const head = document.createElement('div');
  const code = document.createElement('code');
  code.className = 'dl-diag-code';
  code.textContent = d.code;
  head.append(code, ' ', d.message);
  box.append(head);
  if (d.help) {
    const help = document.createElement('div');
    help.className = 'dl-diag-help';
    help.textContent = `help: ${d.help}`;
    box.append(help);
  }
  return box;
}

export function toCmDiagnostics(doc: Text, diagnostics: readonly Diagnostic[]): CmDiagnostic[] {
  return diagnostics.map((d) => ({
    ...diagnosticRange(doc, d),
    severity: d.severity,
    source: d.code,
    message: d.help ? `${d.message} (help: ${d.help})` : d.message,
    renderMessage: () => renderMessage(d),
  }));
}

/** Runs `check` on the document after each pause in typing and shows what it returns. */
export function dlLinter(check: (text: string) => readonly Diagnostic[], delay = 250) {
  return linter((view: EditorView) => toCmDiagnostics(view.state.doc, check(view.state.doc.toString())), { delay });
}

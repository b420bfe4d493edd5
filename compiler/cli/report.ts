/** Printing diagnostics for the CLI: rendered, coloured if the stream wants it, with a count. */
import type { Diagnostic } from '../index.ts';
import { renderDiagnostics } from '../index.ts';

export function render(source: string, diagnostics: Diagnostic[], file: string, color: boolean): string {
  return renderDiagnostics(source, diagnostics, { file, color });
}

export function hasErrors(diagnostics: Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

export function counts(diagnostics: Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

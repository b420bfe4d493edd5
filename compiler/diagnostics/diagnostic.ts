import type { Span } from '../graph/types.ts';

export type Severity = 'error' | 'warning' | 'info';

/**
 * A diagnostic is data: a stable code (`DL` + 4 digits) from the catalogue, a severity,
 * a message that says what was expected and what was found, a span, and an optional help
 * line that says what to write instead. Stages collect these and never throw.
 */
export interface Diagnostic extends Span {
  code: string;
  severity: Severity;
  message: string;
  help?: string;
}

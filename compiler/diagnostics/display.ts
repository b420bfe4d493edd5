/**
 * Input shown back to a person (in a message, a source line, a prediction) must not act on
 * their terminal, nor drown it: control characters become visible escapes and long text is
 * cut with an ellipsis.
 */

/**
 * C0 and C1 controls (ESC, CR, NUL, CSI ...), DEL, the line and paragraph separators, the
 * bidirectional overrides (which reorder what is shown), and lone surrogates.
 */
const CONTROL = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udfff]/gu;

const escapeOne = (c: string): string => {
  const n = c.codePointAt(0)!;
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u{${n.toString(16)}}`;
};

/** `text` with every control character written as an escape (`\x1b`, `\n`, `\u{2028}`). */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, escapeOne);
}

/** The longest a message or a value is shown, in characters. */
export const MAX_SHOWN = 240;

/** `text` cut to `max` characters (code points), the last one an ellipsis when cut. */
export function cut(text: string, max = MAX_SHOWN): string {
  if (text.length <= max) return text;
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}

/** A value or message from input, safe to print on one line. */
export function shown(text: string, max = MAX_SHOWN): string {
  return cut(escapeControls(text), max);
}

// Reading and judging typed answers: pure, so the rules are tested without a browser.

/**
 * The number a learner typed, or null. Accepts a decimal comma, a typographic minus and
 * surrounding spaces ("−0,5" is −0.5), but not words or several numbers.
 */
export function parseAnswer(text: string): number | null {
  const cleaned = text.trim().replace(/[\u2212\u2013]/g, '-').replace(/^(-?\d*),(\d+)$/, '$1.$2');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return null;
  return Number(cleaned);
}

/** Within tolerance, with a little slack for answers typed from a rounded decimal. */
export function isClose(value: number, answer: number, tolerance: number): boolean {
  return Math.abs(value - answer) <= tolerance + 1e-9 * Math.max(1, Math.abs(answer));
}

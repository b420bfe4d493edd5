/** Number formats of the interactives' readouts. */

/** Fixed decimals, without a minus sign on a rounded zero. */
export function fixed(v: number, digits: number): string {
  if (!Number.isFinite(v)) return String(v);
  const s = v.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** A short form for values spanning many orders of magnitude: 3 significant digits or 1.2e-7. */
export function compact(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return v.toExponential(1).replace('e+', 'e');
  return String(Number(v.toPrecision(3)));
}

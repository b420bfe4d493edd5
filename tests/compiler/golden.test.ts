// Golden baselines for what users read: for every code in the diagnostics catalogue, an
// input spec (tests/golden/diagnostics/DLxxxx.dl) and the rendered output (DLxxxx.txt).
// Regenerate with `UPDATE_GOLDEN=1 npx vitest run tests/compiler/golden.test.ts`, then
// review the diff.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_MESSAGES, compile, renderDiagnostics } from '../../compiler/index.ts';
import { LIMITS } from '../../compiler/check/limits.ts';

const dir = join(import.meta.dirname, '../golden/diagnostics');
const update = process.env.UPDATE_GOLDEN === '1';

/** Inputs too big to keep in the repository are grown from a small seed. */
const GROW: Record<string, (bytes: Uint8Array) => Uint8Array> = {
  DL0003: (bytes) => {
    const pad = new TextEncoder().encode(`${'#'.repeat(99)}\n`.repeat(Math.ceil(LIMITS.fileBytes / 100) + 1));
    const out = new Uint8Array(bytes.length + pad.length);
    out.set(bytes);
    out.set(pad, bytes.length);
    return out;
  },
};

function readFile(path: string): string | undefined {
  const full = join(dir, path);
  return existsSync(full) ? readFileSync(full, 'utf8') : undefined;
}

describe('golden diagnostics', () => {
  const codes = ALL_MESSAGES.map((m) => m.code);

  it('the catalogue codes are unique and well-formed', () => {
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^DL\d{4}$/);
  });

  it('every golden input belongs to a catalogue code', () => {
    const inputs = readdirSync(dir).filter((f) => f.endsWith('.dl')).map((f) => f.slice(0, -3));
    expect(inputs.filter((c) => !codes.includes(c))).toEqual([]);
  });

  it.each(ALL_MESSAGES.map((m) => [m.code, m.severity] as const))('%s (%s)', (code, severity) => {
    const input = join(dir, `${code}.dl`);
    expect(existsSync(input), `missing golden input ${input}`).toBe(true);
    const bytes = (GROW[code] ?? ((b) => b))(new Uint8Array(readFileSync(input)));
    const { graph, diagnostics } = compile(bytes, { file: `${code}.dl`, readFile });
    expect(diagnostics.map((d) => d.code)).toContain(code);
    for (const d of diagnostics.filter((x) => x.code === code)) expect(d.severity).toBe(severity);
    // Warnings never stop compilation; errors always do.
    expect(graph === null).toBe(diagnostics.some((d) => d.severity === 'error'));
    const rendered = renderDiagnostics(new TextDecoder().decode(bytes), diagnostics, { file: `${code}.dl` });
    const golden = join(dir, `${code}.txt`);
    if (update) writeFileSync(golden, rendered);
    expect(existsSync(golden), `missing golden output ${golden}: run with UPDATE_GOLDEN=1`).toBe(true);
    expect(rendered).toBe(readFileSync(golden, 'utf8'));
  });
});

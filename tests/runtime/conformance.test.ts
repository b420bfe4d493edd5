/**
 * PyTorch conformance: every reference case (`tests/fixtures/pytorch/*.json`, plus the folder
 * named by DLC_REFERENCE_DIR when set) on every backend Node offers, each within its own
 * tolerance. The checks themselves are in conformance-check.ts (shared with the webgl run).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackendName } from '../../compiler/runtime/api.ts';
import { initBackend } from '../../compiler/runtime/backend.ts';
import { runCase, type RefCase } from './conformance-check.ts';

const FOLDERS = [join(import.meta.dirname, '..', 'fixtures', 'pytorch'), process.env.DLC_REFERENCE_DIR].filter(
  (d): d is string => d !== undefined && d !== '',
);
const CASES: Array<{ file: string; c: RefCase }> = FOLDERS.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: join(dir, f), c: JSON.parse(readFileSync(join(dir, f), 'utf8')) as RefCase })),
);
const BACKENDS: BackendName[] = ['cpu', 'wasm'];

/** Worst error / tolerance per case and backend, printed at the end. */
const worst: Record<string, Record<string, number>> = {};

describe.each(BACKENDS)('PyTorch conformance on %s', (backend) => {
  beforeAll(async () => {
    expect(await initBackend(backend)).toBe(backend);
  });

  it('has cases to run', () => {
    expect(CASES.length).toBeGreaterThan(0);
  });

  it.each(CASES.map(({ file, c }) => [c.name, file, c] as const))('%s', async (name, file, c) => {
    const checks = await runCase(c, backend);
    (worst[name] ??= {})[backend] = Math.max(...checks.map((k) => k.ratio));
    for (const k of checks) expect(k.fail, `${file}: ${k.what}: ${k.fail}`).toBeUndefined();
  });
});

afterAll(() => {
  const rows = Object.entries(worst).map(([name, r]) => `${name.padEnd(40)} ${BACKENDS.map((b) => (r[b] ?? NaN).toFixed(3).padStart(8)).join(' ')}`);
  console.log(`worst error / tolerance (<= 1 passes)\n${'case'.padEnd(40)} ${BACKENDS.map((b) => b.padStart(8)).join(' ')}\n${rows.join('\n')}`);
});

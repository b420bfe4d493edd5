// docs/language.md is the users' reference: it must list every diagnostic code exactly as
// the catalogue has it, and every layer, setting, loss, optimizer and dataset the checker
// knows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_MESSAGES, VOCABULARY } from '../../compiler/index.ts';
import { RUNTIME_MESSAGES } from '../../compiler/diagnostics/messages.ts';

const docs = readFileSync(join(import.meta.dirname, '../../docs/language.md'), 'utf8');

describe('docs/language.md', () => {
  it('lists every diagnostic code with its severity and summary, compile-time then run-time', () => {
    const rows = [...docs.matchAll(/^\| (DL\d{4}) \| (error|warning|info) \| (.+) \|$/gm)].map((m) => [m[1], m[2], m[3]]);
    expect(rows).toEqual([...ALL_MESSAGES, ...RUNTIME_MESSAGES].map((m) => [m.code, m.severity, m.summary]));
  });

  it('documents every name of the language', () => {
    const names = VOCABULARY.filter((w) => w.kind !== 'option').map((w) => w.name);
    const missing = names.filter((n) => !docs.includes(`\`${n}`));
    expect(missing).toEqual([]);
  });

  it('documents every option of every layer, optimizer and dataset', () => {
    const options = VOCABULARY.filter((w) => w.kind === 'option' && w.owner).map((w) => w.name);
    // Each appears in code: `stride=1`, `batch full`, `eps=1e-5`.
    const missing = [...new Set(options)].filter((n) => !new RegExp(`\`[^\`\\n]*\\b${n}\\b[^\`\\n]*\``).test(docs));
    expect(missing).toEqual([]);
  });
});

// What dlc prints back from hostile input: control characters escaped, long lines cut, and
// a closed pipe is a quiet exit 0. The real binary, as a user runs it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { escapeControls, shown } from '../../compiler/diagnostics/display.ts';
import { jsonText, terminalText } from '../../compiler/cli/io.ts';

const root = join(import.meta.dirname, '../..');
const node = join(root, 'node_modules/.bin/node');
const tmp = mkdtempSync(join(tmpdir(), 'dlc-term-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'FORCE_COLOR'));

const dlc = (args: string[]) => {
  const r = spawnSync(node, [join(root, 'bin/dlc.js'), ...args], { cwd: root, encoding: 'utf8', env });
  return { code: r.status, out: r.stdout + r.stderr };
};
// Anything a terminal acts on: ESC, CSI (C1), BEL, CR, NUL, DEL.
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

describe('terminal safety', () => {
  it('escapes control characters and cuts long values', () => {
    expect(escapeControls('a\x1b[2Jb\u2028\r\0')).toBe('a\\x1b[2Jb\\u{2028}\\r\\x00');
    expect(shown('x'.repeat(1000), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(terminalText('\x1b[1mok\x1b[0m \x1b]0;title\x07\n')).toBe('\x1b[1mok\x1b[0m \\x1b]0;title\\x07\n');
    expect(JSON.parse(jsonText(['\x9b2J\u2028']))).toEqual(['\x9b2J\u2028']);
    expect(jsonText(['\x9b\u2028'])).toBe('["\\u009b\\u2028"]');
  });

  it('a spec name, an unknown command and a csv path with ESC are echoed escaped', () => {
    const spec = join(tmp, 'esc.dl');
    writeFileSync(spec, 'net A\x1b[2J <\n linear 4->3 >\ntrain A on csv file="a\x1b]0;x\x07.csv" <\n epochs 1 >\n');
    for (const args of [['check', spec], [`fo\x1bo`], ['train', spec]]) {
      const r = dlc(args);
      expect(r.code).not.toBe(0);
      expect(r.out).not.toMatch(RAW_CONTROL);
      expect(r.out).toMatch(/\\x1b|\ufffd/);
    }
  });

  it('a 5 MB one-line spec gives a few hundred bytes of output, not the line', () => {
    const spec = join(tmp, 'long.dl');
    writeFileSync(spec, `net A < linear 4->3 ${'x'.repeat(5_000_000)} >\n`);
    const r = dlc(['check', spec]);
    expect(r.code).toBe(1);
    expect(r.out.length).toBeLessThan(2000);
    expect(r.out).toContain('…');
  });

  it('a closed stdout (| head -1) exits quietly with status 0', () => {
    for (let i = 0; i < 3; i++) {
      const r = spawnSync('bash', ['-c', `"${node}" bin/dlc.js compile specs/digits.dl specs/iris.dl specs/xor.dl | head -c 1 >/dev/null; echo "status \${PIPESTATUS[0]}" >&2`], { cwd: root, encoding: 'utf8', env });
      expect(r.stderr).toBe('status 0\n');
    }
  });
});

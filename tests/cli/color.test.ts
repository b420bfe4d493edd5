// Colour: the decision (TTY and NO_COLOR) and what a coloured report looks like, through
// the same runCli the binary uses, with an Io that claims a terminal.
import { describe, expect, it } from 'vitest';
import { wantsColor } from '../../compiler/cli/io.ts';
import type { Io } from '../../compiler/cli/io.ts';
import { runCli } from '../../compiler/cli/run.ts';

function fakeIo(color: boolean, stdin: string): Io & { out: string[] } {
  const out: string[] = [];
  return {
    out,
    stdout: (t) => out.push(t),
    stderr: (t) => out.push(t),
    color: { stdout: color, stderr: color },
    cwd: process.cwd(),
    readStdin: () => new TextEncoder().encode(stdin),
  };
}

describe('colour', () => {
  it('only on a TTY, and never when NO_COLOR is set', () => {
    expect(wantsColor(true, {})).toBe(true);
    expect(wantsColor(false, {})).toBe(false);
    expect(wantsColor(undefined, {})).toBe(false);
    expect(wantsColor(true, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColor(true, { NO_COLOR: '' })).toBe(true);
  });

  it('a coloured report paints the severity, and a plain one has no escapes', async () => {
    const spec = 'net A < linear 4->8; rleu >';
    const coloured = fakeIo(true, spec);
    expect(await runCli(['check', '-'], coloured)).toBe(1);
    expect(coloured.out.join('')).toContain('\x1b[31merror DL0201\x1b[0m');
    const plain = fakeIo(false, spec);
    expect(await runCli(['check', '-'], plain)).toBe(1);
    expect(plain.out.join('')).not.toContain('\x1b[');
    expect(plain.out.join('')).toContain('error DL0201: unknown layer `rleu`');
  });
});

// `dlc --version` prints the version in package.json (the tarball tests check the installed
// build says the same), so a release that bumps package.json needs no second edit.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { Io } from '../../compiler/cli/io.ts';
import { runCli } from '../../compiler/cli/run.ts';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

it('dlc --version and -v print package.json\'s version', async () => {
  for (const flag of ['--version', '-v']) {
    const out: string[] = [];
    const io: Io = { stdout: (t) => out.push(t), stderr: (t) => out.push(t), color: { stdout: false, stderr: false }, cwd: process.cwd(), readStdin: () => new Uint8Array() };
    expect(await runCli([flag], io)).toBe(0);
    expect(out.join('')).toBe(`dlc ${version}\n`);
  }
});

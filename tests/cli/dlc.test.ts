// The real `dlc` binary, run as a user runs it: exit codes, standard input, JSON, files.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
// Node 22 from the `node` devDependency: the CLI runs TypeScript by type stripping.
const node = join(root, 'node_modules/.bin/node');
const tmp = mkdtempSync(join(tmpdir(), 'dlc-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// The test runner may set FORCE_COLOR; the CLI must decide colour for itself.
const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'FORCE_COLOR' && k !== 'NO_COLOR'));

function dlc(args: string[], opts: { input?: string | Buffer; env?: Record<string, string> } = {}) {
  const r = spawnSync(node, [join(root, 'bin/dlc.js'), ...args], {
    cwd: root,
    input: opts.input ?? '',
    encoding: 'utf8',
    env: { ...baseEnv, ...opts.env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('dlc', () => {
  it('--help lists every command; no arguments is a usage error', () => {
    const help = dlc(['--help']);
    expect(help.code).toBe(0);
    for (const c of ['compile', 'check', 'fmt', 'summary']) expect(help.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    const none = dlc([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('usage: dlc COMMAND');
  });

  it.each(['compile', 'check', 'fmt', 'summary'])('%s --help prints its usage and exits 0', (command) => {
    const r = dlc([command, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^usage: dlc ${command} `));
    expect(r.stdout).toContain('exit status');
  });

  it('an unknown command gets a did-you-mean and exit 2', () => {
    const r = dlc(['compil', 'specs/iris.dl']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command `compil`; did you mean `compile`?');
  });

  it('an unknown option and a missing file are usage/I-O errors (exit 2) without a stack trace', () => {
    const option = dlc(['check', '--bogus', 'specs/iris.dl']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("Unknown option '--bogus'");
    const missing = dlc(['check', 'specs/nope.dl']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('dlc check: error DL0897: cannot read `specs/nope.dl`: no such file\n');
    const dir = dlc(['compile', 'specs']);
    expect(dir.code).toBe(2);
    expect(dir.stderr).toContain('it is a directory');
    expect(dir.stderr).not.toContain('    at ');
  });
});

describe('dlc compile', () => {
  it('writes the typed graph of one file as JSON', () => {
    const r = dlc(['compile', 'specs/iris.dl']);
    expect(r.code).toBe(0);
    const graph = JSON.parse(r.stdout);
    expect(graph.version).toBe(1);
    expect(graph.nets[0]).toMatchObject({ name: 'Iris', paramCount: 739, inputShape: [4], outputShape: [3] });
    expect(graph.trains[0]).toMatchObject({ net: 'Iris', loss: 'cross_entropy', batch: 'full' });
  });

  it('several files give an array, in order; -o writes a file', () => {
    const out = join(tmp, 'two.json');
    const r = dlc(['compile', 'specs/xor.dl', 'specs/digits.dl', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const graphs = JSON.parse(readFileSync(out, 'utf8'));
    expect(graphs.map((g: { nets: { name: string }[] }) => g.nets[0]!.name)).toEqual(['Xor', 'Digits']);
  });

  it('reads standard input for -', () => {
    const r = dlc(['compile', '-'], { input: 'net Xor < linear 2->8; tanh; linear 8->1 >' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).nets[0].paramCount).toBe(33);
  });

  it('a spec with an error exits 1, prints the rendered diagnostic and writes no JSON', () => {
    const r = dlc(['compile', 'specs/iris.dl', 'specs/shape-error.dl']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('specs/shape-error.dl:4:3: error DL0401:');
    expect(r.stderr).toContain('help: `relu` gives 32 features; write `linear 32->3`');
  });

  it('reads a csv dataset relative to the spec', () => {
    writeFileSync(join(tmp, 'flowers.csv'), 'a,b,species\n1,2,x\n3,4,y\n5,6,z\n');
    const spec = join(tmp, 'flowers.dl');
    writeFileSync(spec, 'net F < linear 2->8; relu; linear 8->3 >\ntrain F on csv file="flowers.csv" target=species < >\n');
    const r = dlc(['compile', spec]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).trains[0].dataset).toEqual({
      name: 'csv', options: { file: 'flowers.csv', target: 'species' }, exampleShape: [2], target: { kind: 'classes', classes: 3 },
    });
  });
});

describe('dlc check', () => {
  it('exit 0 for clean specs, 1 when any has an error', () => {
    const clean = dlc(['check', 'specs/iris.dl', 'specs/delay.dl']);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toBe('checked 2 files: 0 errors, 0 warnings\n');
    const broken = dlc(['check', 'specs/iris.dl', 'specs/shape-error.dl']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('4 |   linear 16->3\n  |   ^^^^^^^^^^^^\n');
    expect(broken.stdout).toContain('checked 2 files: 1 error, 0 warnings');
  });

  it('warnings alone exit 0', () => {
    const r = dlc(['check', '-'], { input: 'net A < linear 4->8; linear 8->3 >' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('<stdin>:1:22: warning DL0703:');
  });

  it('--json writes the documented structure', () => {
    const r = dlc(['check', '--json', 'specs/shape-error.dl', '-'], { input: 'net A < linear 4->3 >' });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        file: 'specs/shape-error.dl',
        diagnostics: [{
          code: 'DL0401', severity: 'error',
          message: '`linear 16->3` (layer 2) expects 16 features, but `relu` (layer 1) gives [32]',
          line: 4, column: 3, endLine: 4, endColumn: 15, help: '`relu` gives 32 features; write `linear 32->3`',
        }],
      },
      { file: '<stdin>', diagnostics: [] },
    ]);
  });

  it('invalid UTF-8 on standard input is a spec error, not a crash', () => {
    const r = dlc(['check', '-'], { input: Buffer.from([0x6e, 0x65, 0x74, 0xff, 0xfe]) });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('error DL0001');
  });

  it('no colour off a TTY', () => {
    const piped = dlc(['check', 'specs/shape-error.dl']);
    expect(piped.stdout).toContain('error DL0401');
    expect(piped.stdout).not.toContain('\x1b[');
  });
});

describe('dlc fmt', () => {
  it('prints the canonical layout', () => {
    const r = dlc(['fmt', '-'], { input: 'net A<linear 4->3;relu>' });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('net A <\n  linear 4->3; relu\n>\n');
  });

  it('--check lists unformatted files and exits 1; --write fixes them', () => {
    const file = join(tmp, 'messy.dl');
    writeFileSync(file, 'net A<linear 4->3;relu>');
    const before = dlc(['fmt', '--check', file, 'specs/iris.dl']);
    expect(before.code).toBe(1);
    expect(before.stdout).toBe(`${file}\n`);
    expect(dlc(['fmt', '--write', file]).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('net A <\n  linear 4->3; relu\n>\n');
    expect(dlc(['fmt', '--check', file]).code).toBe(0);
  });

  it('a file that does not parse exits 1 with its syntax errors', () => {
    const r = dlc(['fmt', '-'], { input: 'net A < linear 4-> >' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error DL0103: expected a number but found `>`');
  });

  it('--check with --write is a usage error', () => {
    expect(dlc(['fmt', '--check', '--write', 'specs/iris.dl']).code).toBe(2);
  });
});

describe('dlc summary', () => {
  it('prints a table per net with output shapes, parameters and the total', () => {
    const r = dlc(['summary', 'specs/digits.dl']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^layers\.0 +conv 1->8 3 pad=1 +\[8, 8, 8\] +80$/m);
    expect(r.stdout).toMatch(/^layers\.7 +linear 64->10 +\[10\] +650$/m);
    expect(r.stdout).toContain('total params: 1,898');
    expect(r.stdout).toContain('train Digits on digits: loss cross_entropy, optimizer adam lr=0.005, batch 64, epochs 15');
  });

  it('errors exit 1; more than one file is a usage error', () => {
    expect(dlc(['summary', 'specs/shape-error.dl']).code).toBe(1);
    expect(dlc(['summary', 'specs/iris.dl', 'specs/xor.dl']).code).toBe(2);
  });
});

// The packed tarball, installed into a new project outside the repository, as a user would:
// the `dlc` command on Node 22 behaves exactly as the sources do; on the machine's older
// Node it says in one line that Node 22 is needed; the library's entry points import from
// plain Node and type-check in a TypeScript project. One pack and one install serve all.
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compile } from '../../compiler/index.ts';
import { train } from '../../compiler/runtime/train.ts';
import { BIN, must, newProject, npmInstall, PACKAGE, packed, pathWith, REPORT_NODE, ROOT, run, systemNodeDir } from './outsider.ts';

let tarball: string;
let project: string;

beforeAll(() => {
  // npm pack runs `prepare`, the build: the tarball is what a user would get.
  tarball = packed();
  project = newProject('dlc-outsider-');
  npmInstall(project, tarball);
  copyFileSync(join(ROOT, 'specs', 'xor.dl'), join(project, 'xor.dl'));
}, 600_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

/** Removes the `node vX` line REPORT_NODE makes the dlc process print; returns it and the rest. */
function splitReport(stderr: string): { node: string | undefined; rest: string } {
  const lines = stderr.split('\n');
  const at = lines.findIndex((l) => /^node v\d+\./.test(l));
  const node = at >= 0 ? lines.splice(at, 1)[0] : undefined;
  return { node, rest: lines.join('\n') };
}

/** `npx dlc ARGS` in the project, with `nodeDir`'s node first on PATH. */
function dlc(args: string[], nodeDir = BIN) {
  const r = run('npx', ['--no-install', 'dlc', ...args], { cwd: project, path: pathWith(nodeDir), env: { NODE_OPTIONS: REPORT_NODE } });
  return { ...r, ...splitReport(r.stderr) };
}

/** The repository's own `bin/dlc.js` on the sources, in the same project folder. */
function sourceDlc(args: string[]): string {
  return must(join(BIN, 'node'), [join(ROOT, 'bin', 'dlc.js'), ...args], { cwd: project });
}

const withoutTimes = (s: string) => s.replace(/ in \d+(\.\d+)? s/g, ' in _ s');

test('the tarball holds the build, licence and readme, and no sources, tests, lessons, benchmarks or fixtures', () => {
  const files = must('tar', ['tzf', tarball], { cwd: project }).trim().split('\n').map((f) => f.replace(/^package\//, ''));
  expect(files).toEqual(expect.arrayContaining([
    'package.json', 'LICENSE', 'README.md', 'build/bin/dlc.js',
    'build/compiler/index.js', 'build/compiler/index.d.ts',
    'build/compiler/runtime/index.js', 'build/compiler/runtime/index.d.ts',
    'build/compiler/emit/index.js', 'build/compiler/emit/index.d.ts',
  ]));
  expect(files.filter((f) => /^(tests|site|bench|specs|docs|tools|compiler|bin)\/|fixtures|\.test\.|(?<!\.d)\.ts$/.test(f))).toEqual([]);
});

test('every export condition an outside tool can turn on names a file the tarball holds', () => {
  // Only `dlc-source`, our own condition, points at the sources; a generic name such as
  // `source` would send an outside Vite or TypeScript config to files that are not shipped.
  const files = new Set(must('tar', ['tzf', tarball], { cwd: project }).trim().split('\n').map((f) => f.replace(/^package\//, '')));
  const { exports } = JSON.parse(readFileSync(join(project, 'node_modules', 'dlc', 'package.json'), 'utf8')) as { exports: Record<string, string | Record<string, string>> };
  const missing = Object.entries(exports).flatMap(([entry, conditions]) =>
    Object.entries(typeof conditions === 'string' ? { default: conditions } : conditions).filter(([c, target]) => c !== 'dlc-source' && !files.has(target.replace(/^\.\//, ''))).map(([c, target]) => `${entry} ${c} ${target}`));
  expect(Object.keys(exports).length).toBeGreaterThanOrEqual(4);
  expect(missing).toEqual([]);
});

test('the datasets\' credits travel with the package: the readme\'s section and the data files\' own headers', () => {
  const pkg = join(project, 'node_modules', 'dlc');
  const readme = readFileSync(join(pkg, 'README.md'), 'utf8');
  const credits = readme.slice(readme.indexOf('## Data credits'));
  expect(credits).toMatch(/Iris: R\. A\. Fisher \(1936\)/);
  expect(credits).toMatch(/E\. Alpaydin and C\. Kaynak \(1998\)[\s\S]*CC BY 4\.0/);
  const data = join(pkg, 'build', 'compiler', 'runtime', 'datasets');
  expect(readFileSync(join(data, 'digits-data.js'), 'utf8').slice(0, 400)).toMatch(/Alpaydin and C\. Kaynak, 1998\),\s*\n\s*\* licence CC BY 4\.0/);
  expect(readFileSync(join(data, 'iris-data.js'), 'utf8').slice(0, 400)).toMatch(/Fisher's iris data \(1936\), public domain/);
});

describe('on Node 22', () => {
  test('dlc --version prints the package version, from a dlc process running Node 22', () => {
    const r = dlc(['--version']);
    expect(r.node).toMatch(/^node v22\./);
    expect(r.stdout).toBe(`dlc ${PACKAGE.version}\n`);
    expect(r.status).toBe(0);
  });

  test('check, compile, summary, train and export print what the sources print', () => {
    const commands = [
      ['check', 'xor.dl'],
      ['compile', 'xor.dl'],
      ['summary', 'xor.dl'],
      ['train', 'xor.dl', '--epochs', '3', '--backend', 'cpu'],
      ['export', 'xor.dl', '--to', 'pytorch'],
    ];
    for (const args of commands) {
      const r = dlc(args);
      expect(r.node, args[0]).toMatch(/^node v22\./);
      expect(r.rest.trim(), args[0]).toBe('');
      expect(r.status, args[0]).toBe(0);
      expect(withoutTimes(r.stdout), args[0]).toBe(withoutTimes(sourceDlc(args)));
    }
  });

  test('a spec error is reported with its place and exit status 1', () => {
    writeFileSync(join(project, 'bad.dl'), 'net A < linear 4->8; linear 16->2 >\n');
    const r = dlc(['check', 'bad.dl']);
    expect(r.status).toBe(1);
    expect(r.stdout + r.rest).toMatch(/^bad\.dl:1:\d+: error DL\d{4}/m);
  });

  test('an .mjs file imports compile from dlc, train from dlc/runtime and the emitters from dlc/emit', async () => {
    writeFileSync(join(project, 'use.mjs'), `
import { readFileSync } from 'node:fs';
import { compile } from 'dlc';
import { train } from 'dlc/runtime';
import { decodeSafetensors, encodeSafetensors, toPyTorch } from 'dlc/emit';
const { graph } = compile(readFileSync('xor.dl', 'utf8'));
const result = await train(graph, { backend: 'cpu', epochs: 2 });
const { tensors } = decodeSafetensors(encodeSafetensors(result.state));
console.log(JSON.stringify({
  node: process.version,
  paramCount: graph.nets[0].paramCount,
  losses: result.history.map((h) => h.trainLoss),
  tensors: Object.keys(tensors),
  model: toPyTorch(graph, { mode: 'model' }).split('\\n')[0],
}));
`);
    const out = JSON.parse(must(join(BIN, 'node'), ['use.mjs'], { cwd: project })) as Record<string, unknown>;
    const { graph } = compile(readFileSync(join(ROOT, 'specs', 'xor.dl'), 'utf8'));
    const ours = await train(graph!, { backend: 'cpu', epochs: 2 });
    expect(out.node).toMatch(/^v22\./);
    expect(out.paramCount).toBe(graph!.nets[0]!.paramCount);
    expect(out.tensors).toEqual(Object.keys(ours.state));
    expect(out.model).toBe('import torch');
    const losses = out.losses as number[];
    expect(losses).toHaveLength(2);
    losses.forEach((loss, i) => expect(loss).toBeCloseTo(ours.history[i]!.trainLoss, 5));
  });

  test('the type declarations type-check a TypeScript user and catch a wrong use', () => {
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: true, types: [] },
      files: ['use.ts', 'wrong.ts'],
    }));
    writeFileSync(join(project, 'use.ts'), `
import { compile, renderDiagnostics, type TypedGraph } from 'dlc';
import { train, type TrainResult } from 'dlc/runtime';
import { toPyTorch } from 'dlc/emit';
const { graph, diagnostics }: { graph: TypedGraph | null; diagnostics: unknown[] } = compile('net A < linear 2->1 >');
export const text: string = renderDiagnostics('net', compile('net').diagnostics, { file: 'a.dl' });
export const count: number | undefined = graph?.nets[0]?.paramCount;
export const run: Promise<TrainResult> | null = graph && train(graph, { backend: 'cpu' });
export const py: string | null = graph && toPyTorch(graph, { mode: 'model' });
export { diagnostics };
`);
    writeFileSync(join(project, 'wrong.ts'), `
import { compile } from 'dlc';
export const name: string = compile('net A < linear 2->1 >').graph!.nets[0]!.paramCount;
`);
    const r = run(join(BIN, 'tsc'), ['-p', 'tsconfig.json'], { cwd: project });
    const errors = r.stdout.split('\n').filter((l) => l.includes('error TS'));
    expect(errors.filter((l) => !l.startsWith('wrong.ts'))).toEqual([]);
    expect(errors.join('\n')).toMatch(/^wrong\.ts\(3,14\): error TS2322: Type 'number' is not assignable to type 'string'/);
  });
});

describe('on the machine\'s older Node', () => {
  const dir = systemNodeDir();
  const version = dir ? run(join(dir, 'node'), ['--version'], { cwd: ROOT }).stdout.trim() : '';

  test.runIf(dir !== null && !version.startsWith('v22') && Number(version.slice(1).split('.')[0]) < 22)(
    'every command prints one line saying Node 22 is needed, and exits 2',
    () => {
      for (const args of [['--version'], ['check', 'xor.dl'], ['compile', 'xor.dl'], ['summary', 'xor.dl'], ['train', 'xor.dl'], ['export', 'xor.dl', '--to', 'pytorch']]) {
        const r = dlc(args, dir!);
        expect(r.node, args[0]).toBe(`node ${version}`);
        expect(r.rest, args[0]).toBe(`dlc needs Node.js 22 or later; this is ${version}\n`);
        expect(r.stdout, args[0]).toBe('');
        expect(r.status, args[0]).toBe(2);
      }
    },
  );
});

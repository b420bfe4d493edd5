// dlc installed from a git URL, as from GitHub before it is published: npm clones the
// repository's HEAD, installs its dependencies and runs `prepare` (the build), then keeps
// what `files` lists. The installed command and library must work as from the tarball.
import { copyFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { BIN, must, newProject, npmInstall, PACKAGE, pathWith, ROOT, run } from './outsider.ts';

let project: string;
let head: string;

beforeAll(() => {
  head = must('git', ['rev-parse', 'HEAD'], { cwd: ROOT }).trim();
  project = newProject('dlc-git-');
  npmInstall(project, `git+file://${ROOT}#${head}`);
  copyFileSync(join(ROOT, 'specs', 'xor.dl'), join(project, 'xor.dl'));
}, 900_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

test('the install from git+file:// holds the build, made by prepare, and not the sources', () => {
  const pkg = join(project, 'node_modules', 'dlc');
  expect(existsSync(join(pkg, 'build', 'bin', 'dlc.js'))).toBe(true);
  expect(existsSync(join(pkg, 'build', 'compiler', 'runtime', 'index.js'))).toBe(true);
  expect(existsSync(join(pkg, 'compiler'))).toBe(false);
  expect(existsSync(join(pkg, 'tests'))).toBe(false);
});

test('npx dlc runs on Node 22 and the entry points import from plain Node', () => {
  const version = run('npx', ['--no-install', 'dlc', '--version'], { cwd: project, path: pathWith(BIN) });
  expect(version.stdout).toBe(`dlc ${PACKAGE.version}\n`);
  const check = run('npx', ['--no-install', 'dlc', 'check', 'xor.dl'], { cwd: project, path: pathWith(BIN) });
  expect(check.status).toBe(0);
  expect(check.stdout + check.stderr).toMatch(/0 errors/);
  writeFileSync(join(project, 'use.mjs'), `
import { compile } from 'dlc';
import { train } from 'dlc/runtime';
const { graph } = compile('net A < linear 2->1 >\\ntrain A on xor < epochs 1 >');
const result = await train(graph, { backend: 'cpu' });
console.log(graph.nets[0].paramCount, result.epochs);
`);
  expect(must(join(BIN, 'node'), ['use.mjs'], { cwd: project })).toBe('3 1\n');
});

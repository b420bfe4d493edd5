// Helpers for tests that use dlc as an outsider gets it: a new npm project in the system's
// temp folder (outside the repository), dlc installed into it, its commands run on a chosen
// Node by putting that Node first on PATH (what `#!/usr/bin/env node` then finds).
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestMtime, sleep } from '../site/built-site.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The project's bin folder: its `node` is Node 22, as npm scripts put it first on PATH. */
export const BIN = join(ROOT, 'node_modules', '.bin');
export const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

/** The machine's own Node (20 here), the first `node` on PATH that is not the project's. */
export function systemNodeDir(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && !dir.startsWith(ROOT) && existsSync(join(dir, 'node'))) return dir;
  }
  return existsSync('/usr/local/bin/node') ? '/usr/local/bin' : existsSync('/usr/bin/node') ? '/usr/bin' : null;
}

/** PATH with `dir` first. */
export function pathWith(dir: string): string {
  return `${dir}${delimiter}${process.env.PATH ?? ''}`;
}

/**
 * Makes every Node process whose script is the `dlc` bin print its own version first
 * (`node v22.x` on stderr), so a test sees which Node ran dlc itself, not just npx.
 */
export const REPORT_NODE = `--import=data:text/javascript,${encodeURIComponent(
  "if((process.argv[1]||'').endsWith('dlc'))process.stderr.write('node '+process.version+'\\n')",
)}`;

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[], opts: { cwd: string; path?: string; env?: Record<string, string> }): Run {
  const r: SpawnSyncReturns<string> = spawnSync(command, args, {
    cwd: opts.cwd,
    env: { ...process.env, PATH: opts.path ?? pathWith(BIN), NO_COLOR: '1', ...opts.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? String(r.error ?? '') };
}

/** Runs, or throws with the command's output. */
export function must(command: string, args: string[], opts: { cwd: string; path?: string }): string {
  const r = run(command, args, opts);
  if (r.status !== 0) {
    const output = `${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`${command} ${args.join(' ')} failed (exit ${r.status}):\n${output}`);
  }
  return r.stdout;
}

/** A new, empty npm project outside the repository. */
export function newProject(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'outsider', private: true, type: 'module' }, null, 2)}\n`);
  return dir;
}

/** `npm install` as a user runs it; from the cache where it can, as the registry may be slow. */
export function npmInstall(dir: string, ...what: string[]): void {
  must('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...what], { cwd: dir });
}

export { dirname };

/** What the tarball is made of: a change to any of these makes a new pack. */
const PACKED_FROM = ['compiler', 'integration', 'site', 'bin', 'tools', 'package.json', 'tsconfig.build.json', 'README.md', 'CHANGELOG.md', 'LICENSE'];

/**
 * The package's tarball, made by `npm pack` (which runs `prepare`, the build) once per state
 * of its sources and shared by every test file that needs it: two packs at once would
 * both rewrite build/. A lock directory makes the other callers wait for the first.
 */
export function packed(): string {
  const key = Math.floor(Math.max(...PACKED_FROM.map((p) => newestMtime(join(ROOT, p))))).toString(36);
  const dir = join(tmpdir(), `dlc-pack-${key}`);
  const done = join(dir, 'tarball.txt');
  const lock = `${dir}.lock`;
  for (;;) {
    if (existsSync(done)) return join(dir, readFileSync(done, 'utf8'));
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than any pack takes belongs to a run that was killed.
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 15 * 60_000) rmSync(lock, { recursive: true, force: true });
      sleep(1000);
    }
  }
  try {
    if (!existsSync(done)) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const lines = must('npm', ['pack', '--pack-destination', dir, '--loglevel=error'], { cwd: ROOT }).trim().split('\n');
      writeFileSync(done, lines[lines.length - 1]!);
    }
    return join(dir, readFileSync(done, 'utf8'));
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

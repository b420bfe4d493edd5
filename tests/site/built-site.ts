// The built course site for tests: the steps of `npm run build` (astro build, then
// pagefind), run once per state of the sources into a folder of the tests' own. The
// folder is named after the newest source change, so a test run that is serving one
// build is never disturbed by another run (or a developer's `npm run build` into dist/)
// rebuilding after an edit. Test files and the e2e global setup call `builtSite()`; a
// lock directory keeps parallel workers from building the same state twice.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CACHE = join(ROOT, 'node_modules', '.cache', 'dlc-site-test');
const SOURCES = ['site', 'integration', 'specs', 'compiler', 'tools', 'astro.config.mjs', 'package.json'];
const BIN = join(ROOT, 'node_modules', '.bin');
/** Builds older than this are deleted after a new build; no test run lasts that long. */
const KEEP_MS = 3 * 60 * 60_000;

/** The newest modification time under a path: what decides whether a cached build is stale. */
export function newestMtime(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** Blocks this process (tests wait for another's lock without an event loop turn). */
export function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function run(command: string, args: string[]): void {
  // The project's bin folder first, so the scripts run on the project's Node.
  const env = { ...process.env, PATH: `${BIN}${delimiter}${process.env.PATH ?? ''}` };
  const result = spawnSync(join(BIN, command), args, { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim().split('\n').slice(-60).join('\n');
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}):\n${output}`);
  }
}

function removeOldBuilds(keep: string): void {
  for (const name of readdirSync(CACHE)) {
    const path = join(CACHE, name);
    if (path !== keep && Date.now() - statSync(path).mtimeMs > KEEP_MS) rmSync(path, { recursive: true, force: true });
  }
}

/** A folder holding a build of the current sources (what `npm run build` puts in dist/). */
export function builtSite(): string {
  const key = Math.floor(Math.max(...SOURCES.map((s) => newestMtime(join(ROOT, s)))));
  const dist = join(CACHE, `site-${key}`);
  // Written by pagefind, the last step of the build.
  const done = join(dist, 'pagefind', 'pagefind-entry.json');
  const lock = `${dist}.lock`;
  mkdirSync(CACHE, { recursive: true });
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    if (existsSync(done)) return dist;
    try {
      mkdirSync(lock);
    } catch {
      // Another worker is building this state: wait for it. A lock older than the longest
      // build is left over from a killed run.
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 10 * 60_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Timed out waiting for another site build (${lock}).`);
      sleep(1000);
      continue;
    }
    try {
      if (!existsSync(done)) {
        run('astro', ['build', '--outDir', dist]);
        run('pagefind', ['--site', dist]);
        removeOldBuilds(dist);
      }
      return dist;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

// The built course site for tests: `npm run build` (astro build, then pagefind) into dist/,
// run at most once per change. Test files and the e2e global setup call `builtSite()`;
// when dist/ is newer than every source it is used as is, and a lock directory keeps
// parallel test workers from building at the same time.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DIST = join(ROOT, 'dist');
/** Written by pagefind, the last step of `npm run build`. */
const DONE_MARKER = join(DIST, 'pagefind', 'pagefind-entry.json');
const LOCK = join(ROOT, 'node_modules', '.cache', 'dlc-site-build.lock');
const SOURCES = ['site', 'specs', 'compiler', 'astro.config.mjs', 'package.json'];

function newestMtime(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

function isFresh(): boolean {
  if (!existsSync(DONE_MARKER)) return false;
  const built = statSync(DONE_MARKER).mtimeMs;
  return SOURCES.every((s) => newestMtime(join(ROOT, s)) <= built);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function build(): void {
  const run = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) {
    const output = `${run.stdout ?? ''}\n${run.stderr ?? ''}`.trim().split('\n').slice(-60).join('\n');
    throw new Error(`npm run build failed (exit ${run.status}):\n${output}`);
  }
}

/** Path of dist/ holding a build of the current sources; builds it first if needed. */
export function builtSite(): string {
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    if (isFresh()) return DIST;
    mkdirSync(dirname(LOCK), { recursive: true });
    try {
      mkdirSync(LOCK);
    } catch {
      // Another worker is building: wait for it, then look again. A lock older than the
      // longest build is left over from a killed run.
      const lockAge = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (lockAge > 10 * 60_000) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Timed out waiting for another site build (${LOCK}).`);
      sleep(1000);
      continue;
    }
    try {
      if (!isFresh()) build();
      return DIST;
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}

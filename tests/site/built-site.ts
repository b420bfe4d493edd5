// The built course site for tests: the steps of `npm run build` (astro build, then
// pagefind), run at most once per change into a folder of the tests' own, so a developer's
// `npm run build` into dist/ at the same moment cannot clash with it. Test files and the
// e2e global setup call `builtSite()`; when the build is newer than every source it is
// used as is, and a lock directory keeps parallel test workers from building together.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DIST = join(ROOT, 'node_modules', '.cache', 'dlc-site-test', 'dist');
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

const BIN = join(ROOT, 'node_modules', '.bin');

function run(command: string, args: string[]): void {
  // The project's bin folder first, so the scripts run on the project's Node.
  const env = { ...process.env, PATH: `${BIN}${delimiter}${process.env.PATH ?? ''}` };
  const result = spawnSync(join(BIN, command), args, { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim().split('\n').slice(-60).join('\n');
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}):\n${output}`);
  }
}

/** What `npm run build` does, into DIST. */
function build(): void {
  run('astro', ['build', '--outDir', DIST]);
  run('pagefind', ['--site', DIST]);
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

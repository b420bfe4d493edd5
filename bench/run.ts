/**
 * `npm run bench`: runs each benchmark script in its own Node process, one after the
 * other, so one benchmark's warm caches and garbage do not skew the next. Every script
 * prints ratios against a reference measured in the same run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const scripts = ['compile.ts', 'train.ts', 'vs-pytorch.ts', 'startup.ts'].filter((s) => only.length === 0 || only.some((o) => s.startsWith(o)));

let failed = false;
for (const script of scripts) {
  const path = here + script;
  if (!existsSync(path)) continue;
  console.log(`\n=== bench/${script}`);
  const run = spawnSync(process.execPath, [path], { stdio: 'inherit' });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);

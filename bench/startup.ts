/**
 * `dlc check` start-up, built package against sources: the CPU time (user + system) of
 * `node <bin> check specs/iris.dl`, from process start to exit, for build/bin/dlc.js (the
 * JavaScript the package ships) and bin/dlc.js (the TypeScript sources, type-stripped by
 * Node), as the median of 10 runs of each, alternating. Goal: built <= 0.6 x sources.
 *
 *   npm run build:package && npx node bench/startup.ts [runs]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.argv[2] ?? 10);
const BINS = { built: `${ROOT}build/bin/dlc.js`, sources: `${ROOT}bin/dlc.js` } as const;
const SPEC = `${ROOT}specs/iris.dl`;
// The child reports its own CPU time at exit: the whole process, from Node's start.
const REPORT = `--import=data:text/javascript,${encodeURIComponent(
  "process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('cpu-us '+(u.user+u.system)+'\\n')})",
)}`;

if (!existsSync(BINS.built)) {
  console.error('bench/startup: no build/bin/dlc.js; run `npm run build:package` first');
  process.exit(2);
}

function cpuMs(bin: string): number {
  const r = spawnSync(process.execPath, [REPORT, bin, 'check', SPEC], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const m = /cpu-us (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`${bin} check failed (exit ${r.status}): ${r.stderr}`);
  return Number(m[1]) / 1000;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

cpuMs(BINS.built); // warm the file system cache for both, untimed
cpuMs(BINS.sources);
const times = { built: [] as number[], sources: [] as number[] };
for (let i = 0; i < RUNS; i++) {
  times.built.push(cpuMs(BINS.built));
  times.sources.push(cpuMs(BINS.sources));
}
const built = median(times.built);
const sources = median(times.sources);
console.log(`dlc check start-up, CPU time, median of ${RUNS} alternating runs on Node ${process.versions.node}`);
console.log(`  sources (bin/dlc.js, type stripping)  ${sources.toFixed(1)} ms`);
console.log(`  built   (build/bin/dlc.js)            ${built.toFixed(1)} ms`);
console.log(`  ratio built / sources                 ${(built / sources).toFixed(2)}  (goal <= 0.60)`);

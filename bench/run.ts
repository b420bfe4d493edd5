/**
 * `npm run bench [script...]`: every goal of issue 14 ("speed"), each measured as a ratio
 * in this run, with the goal beside it. The scripts run one after the other, each in its
 * own Node process (one benchmark's warm caches and garbage do not skew the next), their
 * output shown as it comes; then the goals are collected from what they printed:
 *
 * | script | goal |
 * |---|---|
 * | bench/vs-pytorch.ts | dlc on wasm / the exported program on PyTorch (1 thread), the `in X s` region: Iris <= 1.2x, Digits and the delay LSTM <= 2x (whole-process CPU printed beside) |
 * | bench/train.ts | per step: Iris full batch at least PyTorch's pace; dlc >= 2.5x model.fit on every model both run |
 * | bench/first-epoch.ts | in Chromium, click on Train -> first epoch <= 1 s on every lesson island; no TensorFlow.js or wasm fetched in 5 s without input |
 * | bench/startup.ts | `dlc check` start-up, built package <= 0.6x the sources |
 * | bench/compile.ts | compile times (no issue-14 goal; printed for the record) |
 *
 * Every script takes the median of at least 5 alternating runs (BENCH_ROUNDS for train.ts
 * and vs-pytorch.ts, default 5). The first-epoch bench needs the built site; it builds
 * the tests' copy (tests/site/built-site.ts) when the sources changed. startup.ts needs
 * `npm run build:package`. Exit status 1 when a script fails, not when a goal is missed:
 * the goals are targets, and the table says which are met.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const SCRIPTS = ['vs-pytorch.ts', 'train.ts', 'first-epoch.ts', 'startup.ts', 'compile.ts'];
const scripts = SCRIPTS.filter((s) => only.length === 0 || only.some((o) => s.startsWith(o)));

interface Goal {
  what: string;
  measured: string;
  goal: string;
  met: boolean | null;
}

/** Runs a script, echoing its output, and returns its standard output. */
function runScript(path: string): Promise<{ out: string; ok: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      process.stdout.write(chunk);
    });
    child.on('close', (code) => resolve({ out, ok: code === 0 }));
  });
}

const num = (s: string | undefined) => (s === undefined ? NaN : Number(s));
const x = (r: number) => (Number.isFinite(r) ? `${r.toFixed(2)}x` : 'not measured');

/** The goals a script's output shows; a goal whose line is missing says so. */
function goalsOf(script: string, out: string): Goal[] {
  const goals: Goal[] = [];
  if (script === 'vs-pytorch.ts') {
    const limits: Record<string, number> = { 'iris.dl': 1.2, 'digits.dl': 2, 'delay.dl': 2 };
    for (const [spec, limit] of Object.entries(limits)) {
      const block = out.split(/\n(?=\S+\.dl\n)/).find((b) => b.startsWith(`${spec}\n`)) ?? '';
      const region = num(/training \(`in X s`\).*ratio ([\d.]+)x/.exec(block)?.[1]);
      const cpu = num(/whole process, CPU.*ratio ([\d.]+)x/.exec(block)?.[1]);
      goals.push({ what: `${spec} dlc wasm / exported PyTorch, \`in X s\` (CPU whole process ${x(cpu)})`, measured: x(region), goal: `<= ${limit}x`, met: Number.isFinite(region) ? region <= limit : null });
    }
  } else if (script === 'train.ts') {
    // `wasm  Iris, full batch ... dlc/fit 1.61x (1.98x)  dlc/PyTorch 0.32x (0.31x)`
    for (const line of out.split('\n')) {
      const m = /^(\w+)\s+(.+?)\s+dlc .*dlc\/fit (\S+) \((\S+)\)\s+dlc\/PyTorch (\S+) \((\S+)\)/.exec(line);
      if (!m) continue;
      const [, backend, name, fitWall, fitCpu, torchWall, torchCpu] = m;
      const fit = parseFloat(fitWall);
      if (Number.isFinite(fit)) goals.push({ what: `${name} (${backend}) dlc / model.fit steps/s (CPU ${fitCpu})`, measured: fitWall, goal: '>= 2.5x', met: fit >= 2.5 });
      if (/full/i.test(name) && /iris/i.test(name)) {
        const torch = parseFloat(torchWall);
        goals.push({ what: `${name} (${backend}) dlc / PyTorch steps/s (CPU ${torchCpu})`, measured: torchWall, goal: '>= 1x', met: Number.isFinite(torch) ? torch >= 1 : null });
      }
    }
    if (goals.length === 0) goals.push({ what: 'train.ts: per step and vs model.fit', measured: 'not measured', goal: '', met: null });
  } else if (script === 'first-epoch.ts') {
    for (const m of out.matchAll(/^(\S+ #\d+ \(.+?\))\s+(\w+)\s+median\s+(\d+) ms/gm)) {
      goals.push({ what: `first epoch after the click, ${m[1]} (${m[2]})`, measured: `${m[3]} ms = ${x(Number(m[3]) / 1000)}`, goal: '<= 1000 ms', met: Number(m[3]) <= 1000 });
    }
    const idle = /^idle: .*?(\d+) bytes of TensorFlow\.js, wasm or worker/m.exec(out);
    goals.push({ what: 'bytes of TensorFlow.js, wasm or worker fetched in 5 s without input', measured: idle ? idle[1] : 'not measured', goal: '0', met: idle ? Number(idle[1]) === 0 : null });
  } else if (script === 'startup.ts') {
    const r = num(/ratio built \/ sources\s+([\d.]+)/.exec(out)?.[1]);
    goals.push({ what: '`dlc check` start-up CPU, built / sources', measured: x(r), goal: '<= 0.60x', met: Number.isFinite(r) ? r <= 0.6 : null });
  }
  return goals;
}

let failed = false;
const goals: Goal[] = [];
// The machine's load beside each script: ratios taken in one run still move with it (the
// two sides of a ratio do not suffer a busy machine alike), so the table says what it was.
const loads: string[] = [];
const load = () => loadavg()[0].toFixed(1);
for (const script of scripts) {
  const path = here + script;
  if (!existsSync(path)) continue;
  console.log(`\n=== bench/${script}`);
  const before = load();
  const { out, ok } = await runScript(path);
  loads.push(`${script} ${before} -> ${load()}`);
  if (!ok) failed = true;
  goals.push(...goalsOf(script, out));
}

if (goals.length > 0) {
  console.log(`\n=== issue 14 goals, measured in this run (${new Date().toISOString()})`);
  console.log(`1-minute load average on ${availableParallelism()} cores, before -> after each script: ${loads.join('; ')}`);
  const busiest = Math.max(...loads.flatMap((l) => l.split(' ').slice(1).map(Number).filter(Number.isFinite)));
  if (busiest > availableParallelism()) console.log('The machine was busy (load above its cores): the wall ratios are the less reliable; read the CPU ratios beside them.');
  const width = Math.max(...goals.map((g) => g.what.length));
  for (const g of goals) {
    const state = g.met === null ? 'not measured' : g.met ? 'met' : 'NOT met';
    console.log(`${g.what.padEnd(width)}  ${g.measured.padStart(16)}  goal ${g.goal.padEnd(10)} ${state}`);
  }
}
process.exit(failed ? 1 : 0);

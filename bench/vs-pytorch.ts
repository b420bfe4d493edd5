/**
 * `npx node bench/vs-pytorch.ts [spec...]`: `dlc train --backend wasm` against the program
 * `dlc export --to pytorch` writes, run by PyTorch on one thread (OMP_NUM_THREADS=1,
 * /usr/bin/python3 or BENCH_PYTHON), on the fixed specs in bench/specs/.
 *
 * Both print `final ... in X s`, and the region is the same on both sides: the epoch loop,
 * from after the data and the model are made to the last epoch's line, with each epoch's
 * training and test metrics computed and printed. Also timed: the whole process, in wall
 * time and in CPU time (user + system of the child, from /proc/self/stat), which includes
 * start-up (Node and TensorFlow.js, Python and torch) and counts every thread.
 * Each figure is the median of BENCH_ROUNDS (default 5) runs, dlc and PyTorch alternating
 * (and swapping who goes first each round). The final metrics of both are printed for a
 * check that they agree.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NODE = process.execPath;
const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SPECS = ['iris.dl', 'digits.dl', 'delay.dl'];
/** Clock ticks per second of /proc's times (USER_HZ, 100 on Linux). */
const TICKS = 100;

interface Run {
  /** The program's own `in X s`. */
  region: number;
  wall: number;
  cpu: number;
  final: string;
}

/** CPU seconds of this process's waited-for children so far (cutime + cstime). */
function childCpu(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
  // After the command name: state is field 3, so cutime and cstime (fields 16, 17) are at 13, 14.
  return (Number(fields[13]) + Number(fields[14])) / TICKS;
}

function run(command: string, args: string[], env: Record<string, string> = {}): Run {
  const cpu0 = childCpu();
  const t0 = performance.now();
  const r = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  const wall = (performance.now() - t0) / 1000;
  const cpu = childCpu() - cpu0;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${r.stderr}`);
  const final = r.stdout.split('\n').find((l) => l.startsWith('final'));
  const m = final && /in ([\d.]+) s$/.exec(final);
  if (!m) throw new Error(`no "final ... in X s" line from ${command} ${args.join(' ')}:\n${r.stdout.slice(-500)}`);
  return { region: Number(m[1]), wall, cpu, final: final.replace(/\s+in [\d.]+ s$/, '') };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const only = process.argv.slice(2);
const specs = SPECS.filter((s) => only.length === 0 || only.some((o) => s.startsWith(o)));
const tmp = mkdtempSync(join(tmpdir(), 'dlc-vs-pytorch-'));
try {
  console.log(`dlc (wasm) vs the exported program on PyTorch (1 thread); median of ${ROUNDS} alternating runs; ratio = dlc / PyTorch (lower is better for dlc)`);
  for (const name of specs) {
    const spec = join('bench/specs', name);
    const program = join(tmp, name.replace(/\.dl$/, '.py'));
    const exported = spawnSync(NODE, ['bin/dlc.js', 'export', spec, '--to', 'pytorch', '-o', program], { cwd: ROOT, encoding: 'utf8' });
    if (exported.status !== 0) throw new Error(`dlc export ${spec} failed:\n${exported.stderr}`);
    const dlc: Run[] = [];
    const torch: Run[] = [];
    const runDlc = () => dlc.push(run(NODE, ['bin/dlc.js', 'train', spec, '--backend', 'wasm']));
    const runTorch = () => torch.push(run(PYTHON, [program], { OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' }));
    for (let i = 0; i < ROUNDS; i++) {
      const order = i % 2 === 0 ? [runDlc, runTorch] : [runTorch, runDlc];
      for (const side of order) side();
    }
    const fig = (rs: Run[], k: 'region' | 'wall' | 'cpu') => median(rs.map((r) => r[k]));
    const row = (k: 'region' | 'wall' | 'cpu', label: string) =>
      `  ${label.padEnd(22)} dlc ${fig(dlc, k).toFixed(2).padStart(6)} s  PyTorch ${fig(torch, k).toFixed(2).padStart(6)} s  ratio ${(fig(dlc, k) / fig(torch, k)).toFixed(2)}x`;
    console.log(`${name}`);
    console.log(row('region', 'training (`in X s`)'));
    console.log(row('wall', 'whole process, wall'));
    console.log(row('cpu', 'whole process, CPU'));
    console.log(`  final dlc     ${dlc[0].final}\n  final PyTorch ${torch[0].final}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

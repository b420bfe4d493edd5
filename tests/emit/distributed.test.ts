// The exported program under PyTorch DDP, as a learner runs it: real processes, gloo on
// loopback, 2 processes on the CPU (Debian's PyTorch has no CUDA and no nccl, and its
// torchrun fails in its elastic agent, so runs use --nproc or the launcher's variables).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import { toPyTorch } from '../../compiler/emit/pytorch.ts';

const root = join(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'dlc-ddp-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// One thread per process everywhere: the machine is shared, and runs are compared by value.
const ENV = { ...process.env, OMP_NUM_THREADS: '1', MASTER_ADDR: '127.0.0.1', GLOO_SOCKET_IFNAME: 'lo' };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = ENV): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd: tmp, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const python = (args: string[], env?: NodeJS.ProcessEnv) => run('/usr/bin/python3', args, env);

/** A port free on loopback now, for a group started by hand. */
function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

function program(name: string, src: string, file = `${name}.dl`): string {
  const { graph } = compile(src, { file });
  const path = join(tmp, `${name}.py`);
  writeFileSync(path, toPyTorch(graph!, { mode: 'program' }));
  return path;
}

const spec = (f: string) => readFileSync(join(root, 'specs', f), 'utf8');

/** `epoch 3/30  train loss 1.0810 acc 0.3250  test loss 1.0570 acc 0.3667`, read back. */
function epochs(text: string) {
  return [...text.matchAll(/^epoch +\d+\/\d+ {2}train loss (\S+)(?: acc (\S+))?(?: {2}test loss (\S+)(?: acc (\S+))?)?$/gm)].map((m) => ({
    trainLoss: Number(m[1]),
    trainAccuracy: m[2],
    testLoss: m[3] === undefined ? null : Number(m[3]),
    testAccuracy: m[4],
  }));
}

function expectSameEpochs(got: string, want: string) {
  const a = epochs(got);
  const b = epochs(want);
  expect(a.length).toBe(b.length);
  expect(a.length).toBeGreaterThan(0);
  a.forEach((e, i) => {
    expect(e.trainAccuracy, `epoch ${i + 1}`).toBe(b[i].trainAccuracy);
    expect(e.testAccuracy, `epoch ${i + 1}`).toBe(b[i].testAccuracy);
    expect(Math.abs(e.trainLoss - b[i].trainLoss), `epoch ${i + 1}`).toBeLessThanOrEqual(1e-3);
    expect(Math.abs((e.testLoss ?? 0) - (b[i].testLoss ?? 0)), `epoch ${i + 1}`).toBeLessThanOrEqual(1e-3);
  });
}

const testAccuracy = (text: string) => Number(/^final .* test loss \S+ acc (\S+)/m.exec(text)?.[1]);

/** Runs these argument lists of one program in one Python process (PyTorch loads once). */
const RUNNER = `import contextlib, io, json, runpy, sys
result, rows = [], sys.argv[2]
for argv in json.loads(sys.argv[1]):
    sys.argv = argv
    out, err, code = io.StringIO(), io.StringIO(), 0
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            runpy.run_path(argv[0], run_name="__main__")
    except SystemExit as e:
        code = e.code
    result.append({"stdout": out.getvalue(), "stderr": err.getvalue(), "code": code})
# A few digits as a csv for dlc predict: 64 pixels scaled to 0..1, and their labels.
from sklearn.datasets import load_digits
d = load_digits()
with open(rows, "w") as f:
    f.write("\\n".join(",".join(repr(v / 16) for v in row) for row in d.data[:200]))
print(json.dumps({"runs": result, "labels": d.target[:200].tolist()}))`;

const IRIS_EPOCHS = '30';
const DIGITS_EPOCHS = '5';

describe('the exported program on several processes (DDP, gloo)', () => {
  let iris: string;
  let digits: string;
  let single: { runs: Run[]; labels: number[] };
  let irisSpawned: Run;
  let irisByHand: Run[];
  let digitsSpawned: Run;
  let unevenOne: Run;
  let unevenTwo: Run;
  const checkpoint = join(tmp, 'digits-2.safetensors');
  const rows = join(tmp, 'digits.csv');

  beforeAll(async () => {
    iris = program('iris', spec('iris.dl'));
    digits = program('digits', spec('digits.dl'));
    // 201 examples in global batches of 4: the last step has 1 example, so one of the two
    // processes has none; shares weighted by size make 2 processes train as 1 does.
    const uneven = program('uneven', `net U < linear 1->8; tanh; linear 8->1 >
train U on sine n=201 < split 0; loss mse; optimizer adam lr=0.01; batch 4; epochs 3 >`);
    // A net may take the name of a helper of the program: its class is renamed.
    const named = program('named', 'net Shards < linear 2->2 >\ntrain Shards on xor n=20 < loss cross_entropy; epochs 1 >');
    const [portA, portB, portC] = [await freePort(), await freePort(), await freePort()];
    const byHand = (path: string, rank: number, world: number, port: number, args: string[] = []) =>
      python([path, ...args], { ...ENV, RANK: String(rank), LOCAL_RANK: String(rank), WORLD_SIZE: String(world), MASTER_PORT: String(port) });
    const runner = run('/usr/bin/python3', ['-c', RUNNER, JSON.stringify([
      [iris, '--epochs', IRIS_EPOCHS],
      [digits, '--epochs', DIGITS_EPOCHS],
      [digits, '--nproc', '3'],
      [iris, '--nproc', '2', '--sync-bn'],
      [iris, '--device', 'mps'],
      [iris, '--device', 'cuda'],
      [named],
    ]), rows]).then((r) => {
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout) as { runs: Run[]; labels: number[] };
    });
    // Two at a time: the machine has 2 cores.
    [single, irisSpawned] = await Promise.all([runner, python([iris, '--epochs', IRIS_EPOCHS, '--nproc', '2'])]);
    irisByHand = await Promise.all([0, 1].map((rank) => byHand(iris, rank, 2, portA, ['--epochs', IRIS_EPOCHS])));
    [digitsSpawned, unevenOne, unevenTwo] = await Promise.all([
      python([digits, '--epochs', DIGITS_EPOCHS, '--nproc', '2', '--save', checkpoint]),
      byHand(uneven, 0, 1, portB),
      Promise.all([0, 1].map((rank) => byHand(uneven, rank, 2, portC))).then(([a, b]) => ({ ...a, code: a.code || b.code, stderr: a.stderr + b.stderr })),
    ]);
  }, 240_000);

  it('Iris, full batch: --nproc 2 prints every epoch as one process does', () => {
    expect(irisSpawned.stderr).toBe('');
    expect(irisSpawned.code).toBe(0);
    expect(epochs(irisSpawned.stdout)).toHaveLength(Number(IRIS_EPOCHS));
    expectSameEpochs(irisSpawned.stdout, single.runs[0].stdout);
  });

  it('Iris, full batch: two processes started by hand with RANK, WORLD_SIZE, ... do too, and only rank 0 prints', () => {
    for (const r of irisByHand) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    expectSameEpochs(irisByHand[0].stdout, single.runs[0].stdout);
    expect(irisByHand[1].stdout).toBe('');
  });

  it('mini-batches with shares of different sizes (one empty) train on 2 processes as on 1', () => {
    expect(unevenTwo.stderr).toBe('');
    expect(unevenTwo.code).toBe(0);
    expect(epochs(unevenTwo.stdout)).toHaveLength(3);
    expectSameEpochs(unevenTwo.stdout, unevenOne.stdout);
  });

  it('Digits, batch 64: --nproc 2 reaches the test accuracy of one process within 0.03', () => {
    expect(digitsSpawned.stderr).toBe('');
    expect(digitsSpawned.code).toBe(0);
    const one = testAccuracy(single.runs[1].stdout);
    const two = testAccuracy(digitsSpawned.stdout);
    expect(one).toBeGreaterThan(0.8);
    expect(Math.abs(two - one)).toBeLessThanOrEqual(0.03);
  });

  it('the checkpoint the 2-process run saved loads with dlc predict', async () => {
    const r = await run(join(root, 'node_modules/.bin/node'), [join(root, 'bin/dlc.js'), 'predict', join(root, 'specs/digits.dl'), '--weights', checkpoint, '--input', rows, '--json', '--backend', 'cpu']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const got = (JSON.parse(r.stdout) as { class: number }[]).map((p) => p.class);
    expect(got).toHaveLength(single.labels.length);
    const right = got.filter((c, i) => c === single.labels[i]).length;
    expect(right / got.length).toBeGreaterThan(0.85);
  }, 60_000);

  it('a missing CUDA device: one line, exit 2, no traceback', () => {
    const cuda = single.runs[5];
    expect(cuda.code).toBe(2);
    expect(cuda.stdout).toBe('');
    expect(cuda.stderr).toBe('iris.py: error: --device cuda: this PyTorch sees no CUDA device (torch.cuda.is_available() is False); use --device cpu\n');
  });

  it('a net named like one of the distributed helpers (Shards) still trains', () => {
    expect(single.runs[6].stderr).toBe('');
    expect(single.runs[6].code).toBe(0);
    expect(epochs(single.runs[6].stdout)).toHaveLength(1);
  });

  it.each([
    [2, 'batch 64 does not divide among 3 processes: each process takes an equal share of the global batch; use a batch that 3 divides (such as 63 or 66) or another number of processes'],
    [3, "--sync-bn on cpu: PyTorch's SyncBatchNorm runs on CUDA devices only"],
    [4, '--device mps: this PyTorch sees no Apple MPS device'],
  ])('usage problem %i: one line naming it, exit 2', (k, message) => {
    const r = single.runs[k];
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

// The exported program stops a diverging run as dlc train does: the same code and message
// (its numbers are PyTorch's own), exit status 3, no weights saved. Real PyTorch, and dlc's
// train() on the same graph as the oracle.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import type { TypedGraph } from '../../compiler/graph/types.ts';
import { toPyTorch } from '../../compiler/emit/pytorch.ts';
import { train } from '../../compiler/runtime/train.ts';

const dir = mkdtempSync(join(tmpdir(), 'dlc-export-diverge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function graphOf(source: string): TypedGraph {
  const { graph, diagnostics } = compile(source);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return graph!;
}

const CASES: Array<{ name: string; graph: () => TypedGraph }> = [
  {
    // Adam far too fast: finite all the way, past 1000 times the first batch's loss in epoch 1.
    name: 'exploded',
    graph: () => graphOf('net Iris < linear 4->32; relu; linear 32->16; relu; linear 16->3 >\ntrain Iris on iris < split 0.2; standardize; loss cross_entropy; optimizer adam lr=1e6; batch 16; epochs 5; seed 42 >'),
  },
  {
    // Past what a spec may write (DL0304), so set in the graph: the first step overflows.
    name: 'not-finite',
    graph: () => {
      const g = graphOf('net S < linear 1->8; tanh; linear 8->1 >\ntrain S on sine < split 0; loss mse; optimizer sgd lr=1; batch full; epochs 5 >');
      g.trains[0].optimizer.lr = 1e30;
      return g;
    },
  },
  {
    // The same, in batches of 8: the first step is finite and sends the weights past float32,
    // so the second batch's loss is not (a data-parallel run finds it at the epoch's end).
    name: 'not-finite-mid-epoch',
    graph: () => {
      const g = graphOf('net S < linear 1->8; tanh; linear 8->1 >\ntrain S on sine < split 0; loss mse; optimizer sgd lr=1; batch 8; epochs 5 >');
      g.trains[0].optimizer.lr = 1e30;
      return g;
    },
  },
];

/** "epoch E, batch B" or "at epoch E": where dlc's message says the run diverged. */
const where = (text: string) => /at epoch \d+(, batch \d+)?/.exec(text)?.[0];

const masked = (text: string) => text.replace(/-?\d+(\.\d+)?(e[-+]?\d+)?/g, 'N');

describe('the exported program on a diverging run', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s: the code and message of dlc train, exit 3, no weights', async (name, c) => {
    const graph = c.graph();
    const dlc = await train(graph, { backend: 'cpu' });
    expect(dlc.stopped).toBe('diverged');
    const program = join(dir, `${name}.py`);
    writeFileSync(program, toPyTorch(graph, { mode: 'program', source: `${name}.dl` }));
    const weights = join(dir, `${name}.safetensors`);
    let status = 0;
    let stderr = '';
    let stdout = '';
    try {
      stdout = execFileSync('/usr/bin/python3', [program, '--save', weights], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      const err = e as { status: number; stderr: string; stdout: string };
      ({ status, stderr, stdout } = err);
    }
    expect(status).toBe(3);
    const line = stderr.trim().split('\n').at(-1)!;
    expect(line).toBe(`${name}.py: error ${dlc.code}: ${line.slice(line.indexOf(': training') + 2)}`);
    expect(masked(line.slice(line.indexOf('training diverged')))).toBe(masked(dlc.message!));
    expect(where(line)).toBe(where(dlc.message!));
    expect(stdout).not.toMatch(/^final /m);
    expect(existsSync(weights)).toBe(false);
  }, 120_000);

  // Two processes with DistributedDataParallel: each step's loss over the global batch is
  // all-reduced, so both stop at the same step. One process stopping alone would leave the
  // other waiting in DDP's next all-reduce; the timeout turns such a hang into a failure.
  it.each(CASES.map((c) => [c.name, c] as const))('%s with --nproc 2: every process stops, one error line, exit 3, no weights', async (name, c) => {
    const graph = c.graph();
    const dlc = await train(graph, { backend: 'cpu' });
    const program = join(dir, `${name}-ddp.py`);
    writeFileSync(program, toPyTorch(graph, { mode: 'program', source: `${name}.dl` }));
    const weights = join(dir, `${name}-ddp.safetensors`);
    const run = spawnSync('/usr/bin/python3', [program, '--nproc', '2', '--save', weights], { cwd: dir, encoding: 'utf8', timeout: 100_000 });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(3);
    const errors = run.stderr.split('\n').filter((l) => / error DL\d{4}: /.test(l));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^${name}-ddp\\.py: error ${dlc.code}: training diverged`));
    expect(masked(errors[0].slice(errors[0].indexOf('training diverged')))).toBe(masked(dlc.message!));
    expect(where(errors[0])).toBe(where(dlc.message!));
    expect(run.stderr).not.toMatch(/Traceback/);
    expect(run.stdout).not.toMatch(/^final /m);
    expect(existsSync(weights)).toBe(false);
  }, 120_000);
});

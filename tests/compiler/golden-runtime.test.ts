// Golden baselines for the run-time diagnostics (data sets, csv, the run, export, the typed
// graph read back, the command line, divergence): every code of the runtime catalogue from
// DL0830 on has a case here that meets it through the real component, and the exact text
// the CLI prints for it (`error CODE: message`, then `help: ...`) is kept in
// tests/golden/runtime/codes.txt. The weights codes (DL0801-DL0821) have their own golden
// file, tests/golden/weights/codes.txt. Regenerate with
// `UPDATE_GOLDEN=1 npx vitest run tests/compiler/golden-runtime.test.ts`, then review the diff.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import type { DatasetRef, TypedGraph } from '../../compiler/graph/types.ts';
import type { TrainSnapshot } from '../../compiler/runtime/api.ts';
import { CodedError, codedLines } from '../../compiler/diagnostics/coded-error.ts';
import { RUNTIME_MESSAGES, R_BACKEND, R_CLI } from '../../compiler/diagnostics/messages.ts';
import { assertGraph } from '../../compiler/graph/verify.ts';
import { csvDataset, featureRows, loadDataset } from '../../compiler/runtime/datasets/index.ts';
import { lossTarget } from '../../compiler/runtime/targets.ts';
import { splitDataset, splitValidation } from '../../compiler/runtime/data.ts';
import { Model } from '../../compiler/runtime/model.ts';
import { initialState } from '../../compiler/runtime/init.ts';
import { Mt19937 } from '../../compiler/runtime/rng.ts';
import { toPyTorch } from '../../compiler/emit/pytorch.ts';
import { runCli } from '../../compiler/cli/run.ts';
import type { Io } from '../../compiler/cli/io.ts';
import { initBackend } from '../../compiler/runtime/backend.ts';
import { evaluate, predict, train } from '../../compiler/runtime/train.ts';
import * as tf from '@tensorflow/tfjs-core';

const root = join(import.meta.dirname, '../..');
const golden = join(root, 'tests/golden/runtime/codes.txt');
const update = process.env.UPDATE_GOLDEN === '1';
const tmp = mkdtempSync(join(tmpdir(), 'dlc-golden-runtime-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Codes no test can meet on purpose: a platform without any backend, a bug in dlc. */
const UNREACHABLE: Record<string, string> = {
  [R_BACKEND.unavailable.code]: 'needs a platform where no TensorFlow.js backend starts',
  [R_CLI.internal.code]: 'is a bug in dlc',
};

function graphOf(source: string): TypedGraph {
  const { graph, diagnostics } = compile(source);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return graph!;
}
const ref = (name: string, options: Record<string, number | string>): DatasetRef => ({ name, options, exampleShape: null, target: null });
const irisGraph = () => graphOf('net Iris < linear 4->8; relu; linear 8->3 >\ntrain Iris on iris < loss cross_entropy; optimizer sgd lr=0.1; batch full; epochs 1 >');
const edited = (edit: (g: any) => void) => {
  const g = structuredClone(irisGraph()) as any;
  edit(g);
  return g as TypedGraph;
};
const ds = (n: number, shape: number[], values = n * shape.reduce((a, b) => a * b, 1)) => ({
  name: 'mine', x: new Float32Array(values), y: new Int32Array(n), n, exampleShape: shape, target: { kind: 'classes' as const, classes: 3 },
});

/** Runs the real CLI in-process and returns what it printed on stderr. */
async function cli(args: string[]): Promise<string> {
  let err = '';
  const io: Io = { stdout: () => {}, stderr: (t) => (err += t), color: { stdout: false, stderr: false }, cwd: root, readStdin: () => new Uint8Array() };
  await runCli(args, io);
  return err.replace(/^dlc \w+: /, '');
}

type Case = [code: string, name: string, run: () => unknown];
const CASES: Case[] = [
  // Divergence (runtime/divergence.ts): train() reports it in its result, not as a throw.
  ['DL0830', 'loss NaN', async () => {
    // Past what a spec may write (DL0304), so set in the graph: the first step overflows.
    const g = graphOf('net S < linear 1->8; tanh; linear 8->1 >\ntrain S on sine < split 0; loss mse; optimizer sgd lr=1; batch full; epochs 5 >');
    g.trains[0].optimizer.lr = 1e30;
    const r = await train(g, { backend: 'cpu' });
    return { code: r.code, message: r.message };
  }],
  ['DL0831', 'loss exploded', async () => {
    const g = graphOf('net S < linear 1->32; relu; linear 32->1 >\ntrain S on sine < split 0; loss mse; optimizer sgd lr=1000; batch full; epochs 50 >');
    const r = await train(g, { backend: 'cpu' });
    return { code: r.code, message: r.message };
  }],
  // Train blocks and nets looked up by name (graph/lookup.ts): training, prediction, export.
  ['DL0840', 'no train block', () => train(graphOf('net A < linear 4->3 >'), { backend: 'cpu' })],
  ['DL0841', 'no train block for the net', () => train(irisGraph(), { backend: 'cpu', net: 'Nope' })],
  ['DL0842', 'export of an unknown net', () => toPyTorch(irisGraph(), { mode: 'model', net: 'Nope' })],
  ['DL0843', 'export without a net', () => toPyTorch({ version: 1, nets: [], trains: [] }, { mode: 'model' })],
  // Data sets (runtime/datasets).
  ['DL0860', 'csv without file', () => loadDataset(ref('csv', { target: 'y' }), { seed: 0 })],
  ['DL0861', 'csv target a number', () => loadDataset(ref('csv', { file: 'a.csv', target: 5 }), { seed: 0, readFile: () => 'x,y\n1,2\n' })],
  ['DL0862', 'csv without file access', () => loadDataset(ref('csv', { file: 'a.csv', target: 'y' }), { seed: 0 })],
  ['DL0863', 'csv file unreadable', () => loadDataset(ref('csv', { file: 'a.csv', target: 'y' }), { seed: 0, readFile: () => { throw new Error('no such file'); } })],
  ['DL0864', 'unknown data set', () => loadDataset(ref('mnist', {}), { seed: 0 })],
  ['DL0865', 'option n of 0', () => loadDataset(ref('spiral', { n: 0 }), { seed: 0 })],
  ['DL0866', 'negative noise', () => loadDataset(ref('spiral', { noise: -1 }), { seed: 0 })],
  ['DL0867', 'unknown option', () => loadDataset(ref('spiral', { arms: 3 }), { seed: 0 })],
  // CSV contents (runtime/datasets/csv.ts, feature-rows.ts): DL0508, as `dlc check` gives it.
  ['DL0508', 'csv quote not closed', () => csvDataset('a,b,y\n1,"2,0\n', { file: 'd.csv', target: 'y' })],
  ['DL0508', 'csv duplicate header', () => csvDataset('x,x,y\n1,2,0\n3,4,1\n', { file: 'd.csv', target: 'y' })],
  ['DL0508', 'csv not a number', () => csvDataset('a,b,y\n1,2,0\n3,four,1\n', { file: 'd.csv', target: 'y' })],
  ['DL0508', 'csv field count', () => csvDataset('a,b,y\n1,2,0\n3,1\n', { file: 'd.csv', target: 'y' })],
  ['DL0508', 'csv one class', () => csvDataset('a,b,y\n1,2,x\n3,4,x\n', { file: 'd.csv', target: 'y' })],
  ['DL0508', 'inputs not a number', () => featureRows('1,2,3\n1,x,3\n', { file: 'in.csv', width: 3 })],
  // The run (runtime/train.ts and its helpers).
  ['DL0869', 'snapshot generator of 3 words', () => new Mt19937(0).restore({ words: new Uint32Array(3), index: 0 })],
  ['DL0870', 'predict inputs not whole examples', () => predict(irisGraph().nets[0], {}, new Float32Array(5), { backend: 'cpu' })],
  ['DL0873', 'train block names a missing net', () => train(edited((g) => (g.trains[0].net = 'Gone')), { backend: 'cpu' })],
  ['DL0874', 'examples of the wrong shape', () => train(irisGraph(), { backend: 'cpu', data: { train: ds(2, [3]), test: null } })],
  ['DL0875', 'no examples', () => evaluate(irisGraph().nets[0], {}, ds(0, [4]), 'cross_entropy', { backend: 'cpu' })],
  ['DL0876', 'values not examples times size', () => evaluate(irisGraph().nets[0], {}, ds(2, [4], 7), 'cross_entropy', { backend: 'cpu' })],
  ['DL0877', 'batchnorm single example', () => train(
    graphOf('net B < linear 4->8; batchnorm; relu; linear 8->3 >\ntrain B on iris < split 0.2; loss cross_entropy; optimizer sgd lr=0.1; batch 2; epochs 1 >'),
    { backend: 'cpu', data: { train: ds(3, [4]), test: null } },
  )],
  ['DL0878', 'batchnorm one value per channel', async () => {
    await initBackend('cpu');
    const model = new Model(graphOf('net B < linear 4->8; batchnorm; relu; linear 8->3 >').nets[0], { seed: 0 });
    try {
      return tf.tidy(() => model.forward(tf.zeros([1, 4]), true));
    } finally {
      model.dispose();
    }
  }],
  ['DL0879', 'cross_entropy targets count', () => lossTarget('cross_entropy', Int32Array.of(0, 1), 3, [3])],
  ['DL0880', 'class out of range', () => lossTarget('cross_entropy', Int32Array.of(0, 3), 2, [3])],
  ['DL0881', 'target width', () => lossTarget('mse', new Float32Array(4), 2, [3])],
  ['DL0882', 'bce target not 0 or 1', () => lossTarget('bce', Float32Array.of(0, 2), 2, [1])],
  ['DL0883', 'split out of range', () => splitDataset(ds(10, [4]), 1, 0)],
  ['DL0884', 'split leaves none', () => splitDataset(ds(2, [4]), 0.9, 0)],
  ['DL0885', 'validation leaves none', () => splitValidation(ds(2, [4]), 2, 0)],
  ['DL0886', 'resume past the run', () => train(irisGraph(), { backend: 'cpu', resume: { epoch: 5, state: initialState(irisGraph().nets[0], 0), optimizer: { buffers: [] } as never, rng: { words: new Uint32Array(624), index: 624 }, history: [], seconds: 0 } })],
  ['DL0887', 'resume history', () => train(irisGraph(), { backend: 'cpu', resume: { epoch: 1, state: initialState(irisGraph().nets[0], 0), optimizer: { buffers: [] } as never, rng: { words: new Uint32Array(624), index: 624 }, history: [], seconds: 0 } })],
  ['DL0832', 'resume best', async () => {
    const g = graphOf('net Iris < linear 4->8; relu; linear 8->3 >\ntrain Iris on iris < validate 0.2; stop_after 2; loss cross_entropy; optimizer sgd lr=0.1; batch full; epochs 3 >');
    const snapshots: TrainSnapshot[] = [];
    await train(g, { backend: 'cpu', onSnapshot: (s) => void snapshots.push(s) });
    return train(g, { backend: 'cpu', resume: { ...snapshots[0], best: { epoch: 2, state: snapshots[0].state } } });
  }],
  // The typed graph read back (graph/verify.ts).
  ['DL0890', 'graph of another version', () => assertGraph(edited((g) => (g.version = 2)))],
  ['DL0890', 'graph not an object', () => assertGraph('iris')],
  ['DL0891', 'unknown op', () => assertGraph(edited((g) => (g.nets[0].nodes[1].op = 'swish')))],
  ['DL0892', 'linear bias not a boolean', () => assertGraph(edited((g) => (g.nets[0].nodes[0].attrs.bias = 'yes')))],
  ['DL0893', 'shape not the op rule', () => assertGraph(edited((g) => (g.nets[0].nodes[2].outShape = [4])))],
  ['DL0894', 'parameter missing', () => assertGraph(edited((g) => g.nets[0].nodes[0].params.pop()))],
  ['DL0895', 'lr not positive', () => assertGraph(edited((g) => (g.trains[0].optimizer.lr = 0)))],
  // The command line (cli/).
  ['DL0896', 'bad flag value', () => cli(['train', 'specs/iris.dl', '--epochs', 'ten'])],
  ['DL0897', 'missing file', () => cli(['check', 'specs/nope.dl'])],
  ['DL0898', 'unwritable output', () => cli(['compile', 'specs/iris.dl', '-o', join(tmp, 'no/such/dir/out.json')])],
];

/** What a case printed: a coded error's lines, or a train result's code and message. */
async function outcome(run: () => unknown): Promise<{ code: string; text: string }> {
  try {
    const r = await run();
    if (typeof r === 'string') return { code: /^error (DL\d{4})/.exec(r)?.[1] ?? 'none', text: r.replaceAll(tmp, '<tmp>') };
    const { code, message } = (r ?? {}) as { code?: string; message?: string };
    // Trained numbers differ in late digits across CPUs: the golden text keeps the words.
    return { code: code ?? 'none', text: `error ${code}: ${(message ?? '').replace(/-?\d+(\.\d+)?(e[-+]?\d+)?/g, 'N')}\n` };
  } catch (e) {
    if (!(e instanceof CodedError)) throw e;
    return { code: e.code, text: codedLines(e).replaceAll(tmp, '<tmp>') };
  }
}

describe('golden run-time diagnostics', () => {
  const results = new Map<string, string>();

  it('every run-time code from DL0830 on has a case, or a reason it has none', () => {
    const codes = RUNTIME_MESSAGES.map((m) => m.code).filter((c) => c >= 'DL0830');
    const covered = new Set(CASES.map(([code]) => code));
    expect(codes.filter((c) => !covered.has(c) && !(c in UNREACHABLE))).toEqual([]);
    expect(new Set(RUNTIME_MESSAGES.map((m) => m.code)).size).toBe(RUNTIME_MESSAGES.length);
  });

  it.each(CASES)('%s %s', async (code, name, run) => {
    const got = await outcome(run);
    expect(got.code).toBe(code);
    results.set(`${code} ${name}`, got.text);
  });

  it('prints each as the golden file has it', () => {
    const text = CASES.map(([code, name]) => `== ${code} ${name}\n${results.get(`${code} ${name}`) ?? '(no result)\n'}`).join('');
    if (update) writeFileSync(golden, text);
    expect(existsSync(golden), `missing ${golden}: run with UPDATE_GOLDEN=1`).toBe(true);
    expect(text).toBe(readFileSync(golden, 'utf8'));
  });
});

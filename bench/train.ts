/**
 * `npx node bench/train.ts [case...]`: training throughput of dlc's runtime against
 * - the same network built with @tensorflow/tfjs-layers and trained with `model.fit`, on the
 *   same backend, data, epochs and batch size, in the same process. Both report what dlc
 *   reports every epoch (training loss and accuracy over the epoch, test loss and accuracy
 *   after it);
 * - a plain PyTorch loop (bench/pytorch-steps.py, one thread, /usr/bin/python3) on the
 *   module `dlc export --model` writes, same batch size: steps only, no metrics.
 *
 * Prints steps (optimizer updates) per second for each, the ratios (also measured in CPU
 * time, which other load on a shared machine disturbs less), and the number of live tensors
 * before and after each dlc and model.fit run (equal numbers mean nothing leaked). Each run
 * is preceded by a one-epoch warm-up of the same kind, so kernel set-up is not timed; each
 * figure is the median of BENCH_ROUNDS (default 5) runs, the sides alternating. A net of the
 * fused class (compiler/runtime/fused/) is also run with the fused step off, on the generic
 * op-by-op step, so the line below it says what fusing gained in the same run.
 * The specs are the fixed copies in bench/specs/, so lesson edits do not move the baseline.
 * Backends: BENCH_BACKENDS (default `wasm`; `cpu,wasm` for both).
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from '../compiler/index.ts';
import { toPyTorch } from '../compiler/emit/pytorch.ts';
import type { NetGraph, TrainGraph, TypedGraph } from '../compiler/graph/types.ts';
import type { BackendName, Dataset } from '../compiler/runtime/api.ts';
import { initBackend } from '../compiler/runtime/backend.ts';
import { splitDataset, standardization, standardize } from '../compiler/runtime/data.ts';
import { loadDataset } from '../compiler/runtime/datasets/index.ts';
import { train } from '../compiler/runtime/train.ts';
import { fusedStep, outsideFusedClass } from '../compiler/runtime/fused/index.ts';

interface Case {
  name: string;
  spec: string;
  net: string;
  batch: 'full' | number;
  epochs: number;
  /** The same network in tfjs-layers (channels-last images, as tfjs-layers expects them). */
  layers: () => tfl.Sequential;
}

/**
 * tfjs-layers calls chained tensor methods (`t.flatten().stridedSlice(...)`) that only the
 * union package `@tensorflow/tfjs` registers; with tfjs-core alone its LSTM fails. These
 * forward to the ops they name, as tfjs-core's chained_ops modules do.
 */
function registerChainedOpsForLayers(): void {
  const proto = tf.Tensor.prototype as unknown as Record<string, unknown>;
  const special: Record<string, (this: tf.Tensor, ...args: never[]) => tf.Tensor> = {
    flatten() { return tf.reshape(this, [this.size]); },
    toInt() { return tf.cast(this, 'int32'); },
    toFloat() { return tf.cast(this, 'float32'); },
    asType(dtype: tf.DataType) { return tf.cast(this, dtype); },
  };
  for (const [name, f] of Object.entries(special)) proto[name] ??= f;
  for (const [name, op] of Object.entries(tf as unknown as Record<string, unknown>)) {
    if (typeof op !== 'function' || name in proto) continue;
    proto[name] = function (this: tf.Tensor, ...args: unknown[]) {
      return (op as (...a: unknown[]) => tf.Tensor)(this, ...args);
    };
  }
}
registerChainedOpsForLayers();

const spec = (file: string) => readFileSync(new URL(`./specs/${file}`, import.meta.url), 'utf8');

const irisLayers = () => tfl.sequential({
  layers: [
    tfl.layers.dense({ units: 32, activation: 'relu', inputShape: [4] }),
    tfl.layers.dense({ units: 16, activation: 'relu' }),
    tfl.layers.dense({ units: 3 }),
  ],
});

const CASES: Case[] = [
  { name: 'Iris, full batch', spec: spec('iris.dl'), net: 'Iris', batch: 'full', epochs: 200, layers: irisLayers },
  { name: 'Iris, batch 16', spec: spec('iris.dl'), net: 'Iris', batch: 16, epochs: 30, layers: irisLayers },
  {
    name: 'Digits CNN, batch 64', spec: spec('digits.dl'), net: 'Digits', batch: 64, epochs: 3,
    layers: () => tfl.sequential({
      layers: [
        tfl.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [8, 8, 1] }),
        tfl.layers.maxPooling2d({ poolSize: 2 }),
        tfl.layers.conv2d({ filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' }),
        tfl.layers.maxPooling2d({ poolSize: 2 }),
        tfl.layers.flatten(),
        tfl.layers.dense({ units: 10 }),
      ],
    }),
  },
  {
    name: 'Memory LSTM, batch 32', spec: spec('delay.dl'), net: 'Memory', batch: 32, epochs: 3,
    layers: () => tfl.sequential({
      layers: [tfl.layers.lstm({ units: 16, inputShape: [20, 1] }), tfl.layers.dense({ units: 2 })],
    }),
  },
];

interface Run {
  stepsPerSecond: number;
  /** Steps per second of this process's CPU time: steadier than wall time on a shared machine. */
  stepsPerCpuSecond: number;
  tensorsBefore: number;
  tensorsAfter: number;
  error?: string;
}

function setting(c: Case): { graph: TypedGraph; block: TrainGraph; net: NetGraph } {
  const { graph, diagnostics } = compile(c.spec);
  if (!graph) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  const original = graph.trains.find((t) => t.net === c.net)!;
  const block = { ...original, batch: c.batch, epochs: c.epochs };
  return { graph: { ...graph, trains: [block] }, block, net: graph.nets.find((n) => n.name === c.net)! };
}

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

function stepsPerEpoch(n: number, batch: 'full' | number): number {
  return batch === 'full' ? 1 : Math.ceil(n / batch);
}

/** Times `steps()` (which runs and returns its step count) in wall and CPU seconds, with the live tensors around it. */
async function timed(steps: () => Promise<number>): Promise<Run> {
  const tensorsBefore = tf.memory().numTensors;
  const start = performance.now();
  const cpu = process.cpuUsage();
  const n = await steps();
  const cpuSeconds = cpuSecondsSince(cpu);
  const seconds = (performance.now() - start) / 1000;
  return { stepsPerSecond: n / seconds, stepsPerCpuSecond: n / cpuSeconds, tensorsBefore, tensorsAfter: tf.memory().numTensors };
}

/** dlc's train(); `fused: false` keeps a net of the fused class on the generic step, to show what fusing gained. */
async function runDlc(c: Case, backend: BackendName, data: { train: Dataset; test: Dataset | null }, fused = true): Promise<Run> {
  const { graph } = setting(c);
  fusedStep.enabled = fused;
  try {
    await train(graph, { backend, data, epochs: 1 }); // warm-up
    return await timed(async () => (await train(graph, { backend, data })).epochs * stepsPerEpoch(data.train.n, c.batch));
  } finally {
    fusedStep.enabled = true;
  }
}

/** Inputs as tfjs-layers takes them: images channels-last. */
function layersInputs(ds: Dataset, net: NetGraph): tf.Tensor {
  const x = tf.tensor(ds.x, [ds.n, ...net.inputShape]);
  if (net.inputShape.length !== 3) return x;
  const nhwc = tf.transpose(x, [0, 2, 3, 1]);
  x.dispose();
  return nhwc;
}

async function runLayers(c: Case, backend: BackendName, data: { train: Dataset; test: Dataset | null }): Promise<Run> {
  const { block, net } = setting(c);
  await initBackend(backend);
  const classes = net.outputShape[net.outputShape.length - 1];
  const tensors = tf.tidy(() => ({
    x: layersInputs(data.train, net),
    y: tf.cast(tf.oneHot(tf.tensor1d(data.train.y as Int32Array, 'int32'), classes), 'float32'),
    tx: layersInputs(data.test!, net),
    ty: tf.cast(tf.oneHot(tf.tensor1d(data.test!.y as Int32Array, 'int32'), classes), 'float32'),
  }));
  const batchSize = c.batch === 'full' ? data.train.n : c.batch;
  const fit = async (epochs: number) => {
    const model = c.layers();
    const optimizer = tf.train.adam(block.optimizer.lr);
    model.compile({
      optimizer,
      loss: (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.losses.softmaxCrossEntropy(yTrue, yPred),
      metrics: ['categoricalAccuracy'],
    });
    const history = await model.fit(tensors.x, tensors.y, {
      epochs, batchSize, shuffle: true, validationData: [tensors.tx, tensors.ty], verbose: 0,
    });
    model.dispose();
    optimizer.dispose();
    return history.epoch.length;
  };
  try {
    await fit(1); // warm-up
    return await timed(async () => (await fit(c.epochs)) * stepsPerEpoch(data.train.n, c.batch));
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    return { stepsPerSecond: NaN, stepsPerCpuSecond: NaN, tensorsBefore: NaN, tensorsAfter: NaN, error };
  } finally {
    tf.dispose(Object.values(tensors));
  }
}

/** The train block's split, done once here so neither side times it. */
function split(c: Case): { train: Dataset; test: Dataset | null } {
  const { block } = setting(c);
  return splitDataset(loadDataset(block.dataset, { seed: block.seed }), block.split, block.seed);
}

/** What train() does for `standardize`, done here for model.fit. */
function standardized(c: Case, data: { train: Dataset; test: Dataset | null }): { train: Dataset; test: Dataset | null } {
  if (!setting(c).block.standardize) return data;
  const s = standardization(data.train);
  return { train: standardize(data.train, s), test: data.test && standardize(data.test, s) };
}

const only = process.argv.slice(2).map((a) => a.toLowerCase());
const cases = CASES.filter((c) => only.length === 0 || only.some((o) => c.name.toLowerCase().includes(o)));
/** Best of a few interleaved runs: the machine may be shared, and noise only slows a run down. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'wasm').split(',') as BackendName[];
const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const tmp = mkdtempSync(join(tmpdir(), 'dlc-bench-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

function median(xs: number[]): number {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Per-figure medians of the rounds; the tensor counts of the last round. */
function medianRun(runs: Run[]): Run {
  const last = runs[runs.length - 1];
  return { ...last, stepsPerSecond: median(runs.map((r) => r.stepsPerSecond)), stepsPerCpuSecond: median(runs.map((r) => r.stepsPerCpuSecond)) };
}

/** The same steps in a plain PyTorch loop, on the module dlc exports. */
function runPyTorch(c: Case, data: { train: Dataset }): Run {
  const { graph, net } = setting(c);
  const model = join(tmp, `${c.net}.py`);
  writeFileSync(model, toPyTorch(graph, { net: c.net, mode: 'model' }));
  const batch = c.batch === 'full' ? data.train.n : c.batch;
  const steps = Math.max(50, c.epochs * stepsPerEpoch(data.train.n, c.batch));
  const classes = net.outputShape[net.outputShape.length - 1];
  const script = fileURLToPath(new URL('./pytorch-steps.py', import.meta.url));
  const r = spawnSync(PYTHON, [script, model, c.net, String(batch), JSON.stringify(net.inputShape), String(classes), String(steps)], {
    encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
  });
  if (r.status !== 0) return { stepsPerSecond: NaN, stepsPerCpuSecond: NaN, tensorsBefore: NaN, tensorsAfter: NaN, error: (r.stderr || String(r.error)).trim().split('\n').pop() };
  return { ...JSON.parse(r.stdout), tensorsBefore: NaN, tensorsAfter: NaN };
}

console.log(`steps/s, median of ${ROUNDS} alternating runs; ratios are dlc's speed over the other's (> 1: dlc is faster), wall time (CPU time)`);
for (const backend of BACKENDS) {
  await initBackend(backend);
  for (const c of cases) {
    const data = split(c);
    const dlcRuns: Run[] = [];
    // Nets of the fused class (compiler/runtime/fused/) also run on the generic step.
    const fusable = outsideFusedClass(setting(c).net, backend) === null;
    const genericRuns: Run[] = [];
    const fitRuns: Run[] = [];
    const torchRuns: Run[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      dlcRuns.push(await runDlc(c, backend, data));
      if (fusable) genericRuns.push(await runDlc(c, backend, data, false));
      if (fitRuns[0]?.error === undefined) fitRuns.push(await runLayers(c, backend, standardized(c, data)));
      if (torchRuns[0]?.error === undefined) torchRuns.push(runPyTorch(c, data));
    }
    const [dlc, fit, torch] = [medianRun(dlcRuns), medianRun(fitRuns), medianRun(torchRuns)];
    const generic = fusable ? medianRun(genericRuns) : null;
    const x = (r: number) => (Number.isFinite(r) ? `${r.toFixed(2)}x` : '-');
    const versus = (o: Run) => `${x(dlc.stepsPerSecond / o.stepsPerSecond)} (${x(dlc.stepsPerCpuSecond / o.stepsPerCpuSecond)})`;
    const steps = (o: Run) => (o.error !== undefined ? `fails: ${o.error.slice(0, 50)}` : `${o.stepsPerSecond.toFixed(1).padStart(7)}`);
    console.log(
      `${backend.padEnd(5)} ${c.name.padEnd(22)} dlc ${steps(dlc)}  model.fit ${steps(fit)}  PyTorch ${steps(torch)}` +
      `  dlc/fit ${versus(fit)}  dlc/PyTorch ${versus(torch)}` +
      `  tensors dlc ${dlc.tensorsBefore}->${dlc.tensorsAfter}, fit ${fit.tensorsBefore}->${fit.tensorsAfter}`,
    );
    if (generic !== null) {
      console.log(
        `${''.padEnd(5)} ${''.padEnd(22)} fused step gained: dlc generic step ${steps(generic)}  fused/generic ${versus(generic)}` +
        `  tensors generic ${generic.tensorsBefore}->${generic.tensorsAfter}`,
      );
    }
  }
}

/**
 * The spec's training, one job of the training worker (train-worker.ts hosts it, with the
 * site's extra jobs, in one registry: ../worker/job-registry.ts). It runs the runtime's
 * `fit()` on a compiled graph, posts progress per epoch (and per batch, a few times a
 * second, for long epochs), and stops between batches when the page asks.
 *
 * The data set's view (decision boundary, fitted curve, digit predictions, filters) is
 * redrawn from the model in training every few hundred milliseconds (`onEpoch` receives
 * it), and once more from the final weights when the run ends.
 *
 * For the page's fault recovery it posts a snapshot of the run after an epoch (at most
 * every SNAPSHOT_MS) and the loss of its WebGL context; a `train` message with `resume`
 * carries a run on from a snapshot.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  type BackendName,
  type BatchReport,
  checkGraph,
  type Dataset,
  type EpochReport,
  findNet,
  fit,
  initBackend,
  isPlanar,
  Model,
  gpuCouldGain,
  pickBackend,
  type PreparedRun,
  prepareRun,
  stepFlops,
  type Standardization,
  trainBlock,
  type TrainResult,
  type TrainSnapshot,
} from 'dlc/runtime';
import type { NetGraph, TrainGraph } from 'dlc';
import type { WeightsInfo } from 'dlc/emit';
import { SNAPSHOT_MS, type FromWorker, type RunSummary, type ToWorker, type View } from './worker-protocol.ts';
import { webglRenderer } from './webgl-renderer.ts';
import { boundaryGridInputs, paddedBounds } from '../plots/boundary-grid.ts';
import type { JobContext, JobModule } from '../worker/job-registry.ts';

type TrainMessage = Extract<ToWorker, { type: 'train' }>;

/** What the views need from a model: its outputs in evaluation mode, and its weights. */
interface Viewable {
  predict(x: tf.Tensor): tf.Tensor;
  readonly params: tf.Variable[];
  readonly paramNames: string[];
}

const GRID = 48;
const VIEW_EVERY_MS = 250;
const BATCH_EVERY_MS = 150;
const EPOCHS_EVERY_MS = 80;
const YIELD_EVERY_MS = 30;

/** The job's name in the worker's registry (job-registry.ts). */
export const SPEC_TRAIN_JOB = 'spec-train';

/** The spec's run in progress: a lost GPU context ends it. */
let active: { run: number; abort: AbortController } | null = null;
/** The warm-up's backend start; a run waits for it rather than starting a backend twice. */
let warming: Promise<unknown> = Promise.resolve();
/** The last run asked for, so a lost GPU context between runs is still reported. */
let lastRun = 0;
/** True once the WebGL context is lost: this worker's GPU backend is dead for good. */
let gpuLost = false;
let watchingContext = false;
/** The backend of the spec's run in progress: the extra jobs run on it too rather than switch it. */
let engineBackend: BackendName | null = null;
/** Where the job's messages go: the page, through the worker's host (train-worker.ts). */
let post: (msg: FromWorker, transfer?: Transferable[]) => void = () => undefined;

/** Loads the wasm backend now, before any run: the reader is heading for Train (the `warm` message). */
export function warmEngine(): void {
  mark('warm');
  warming = initBackend('wasm').then(() => mark('backend'), () => undefined);
}

/** Milestones of a run's start on the worker's clock, for bench/first-epoch.ts (`dlc:` marks). */
function mark(name: string): void {
  performance.mark(`dlc:${name}`);
}

/**
 * The backend the worker's engine runs on now, once any warm-up settled: the spec's run's,
 * or null when none runs (or the GPU it had is lost). The other jobs run on it.
 */
export async function engineNow(): Promise<BackendName | null> {
  await warming;
  return gpuLost ? null : engineBackend;
}

/**
 * Reports a lost WebGL context (a GPU reset, a driver crash, the browser reclaiming it) and
 * ends the run, whose read-backs would otherwise wait for good. The page resumes the run
 * on WebAssembly from its last snapshot, in a new worker.
 */
function watchContext(): void {
  if (watchingContext) return;
  const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext | WebGL2RenderingContext } }).gpgpu?.gl;
  const canvas = gl?.canvas as OffscreenCanvas | HTMLCanvasElement | undefined;
  if (!canvas) return;
  watchingContext = true;
  canvas.addEventListener('webglcontextlost', () => {
    gpuLost = true;
    post({ type: 'gpu-lost', run: active?.run ?? lastRun });
    active?.abort.abort();
  });
}

/**
 * A macrotask turn, so a pending `stop` message is delivered even when the backend's reads
 * resolve as microtasks (cpu, wasm). A MessageChannel is not clamped like setTimeout.
 */
const channel = new MessageChannel();
function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => {
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/** The data as `fit()` sees it: the run's own sets and standardisation statistics. */
interface ViewData {
  ds: Dataset;
  test: Dataset | null;
  scale: ((x: tf.Tensor) => tf.Tensor) | null;
  stats?: Standardization;
}

function viewData(prepared: PreparedRun): ViewData {
  const ds = prepared.dataset ?? prepared.raw.train;
  const test = prepared.raw.test;
  const s = prepared.standardize;
  if (s === undefined) return { ds, test, scale: null };
  const mean = Float32Array.from(s.mean);
  const std = Float32Array.from(s.std);
  return { ds, test, stats: s, scale: (x) => tf.div(tf.sub(x, tf.tensor(mean, x.shape.slice(1))), tf.tensor(std, x.shape.slice(1))) };
}

/** Probability of class 1 from the net's output, whichever loss it was trained with. */
function classOneProbability(out: tf.Tensor, loss: TrainGraph['loss']): tf.Tensor {
  if (out.shape[1] === 1) return tf.reshape(loss === 'bce' ? out : tf.sigmoid(out), [-1]);
  return tf.reshape(tf.slice(tf.softmax(out), [0, 1], [-1, 1]), [-1]);
}

function input(data: ViewData, x: Float32Array, shape: number[]): tf.Tensor {
  const t = tf.tensor(x, [x.length / shape.reduce((a, b) => a * b, 1), ...shape]);
  return data.scale ? data.scale(t) : t;
}

/** Views that depend only on the data, sent once at the start. */
function staticViews(t: TrainGraph, data: ViewData): View[] {
  if (isPlanar(t.dataset.name)) return [{ kind: 'points', points: { x: data.ds.x, y: Int32Array.from(data.ds.y) } }];
  if (t.dataset.name === 'sine') return [{ kind: 'series', x: data.ds.x, y: Float32Array.from(data.ds.y) }];
  return [];
}

function modelViews(t: TrainGraph, net: NetGraph, data: ViewData, model: Viewable, epoch: number): View[] {
  const views: View[] = [];
  tf.tidy(() => {
    const name = t.dataset.name;
    if (isPlanar(name)) {
      const bounds = paddedBounds(data.ds.x, data.ds.n);
      const grid = boundaryGridInputs(bounds, GRID);
      const p1 = classOneProbability(model.predict(input(data, grid, [2])), t.loss).dataSync() as Float32Array;
      views.push({ kind: 'boundary', epoch, grid: { bounds, size: GRID, p1: p1.slice() } });
    } else if (name === 'sine') {
      const xs = data.ds.x;
      let [lo, hi] = [Infinity, -Infinity];
      for (const v of xs) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
      const x = Float32Array.from({ length: 120 }, (_, i) => lo + ((hi - lo) * i) / 119);
      const y = (model.predict(input(data, x, [1])).dataSync() as Float32Array).slice();
      views.push({ kind: 'curve', epoch, x, y });
    } else if (name === 'digits') {
      const source = data.test ?? data.ds;
      const k = Math.min(10, source.n);
      const [, height, width] = source.exampleShape;
      const images = source.x.slice(0, k * height * width);
      const labels = Int32Array.from(source.y.slice(0, k));
      const predicted = (tf.argMax(model.predict(input(data, images, net.inputShape)), 1).dataSync() as Int32Array).slice();
      views.push({ kind: 'digits', epoch, samples: { images, height, width, labels, predicted } });
    }
    const first = net.nodes.find((n) => n.params.length > 0);
    const w = first?.op === 'conv' ? first.params.find((p) => p.name.endsWith('.weight')) : undefined;
    const at = w ? model.paramNames.indexOf(w.name) : -1;
    if (w && at >= 0) {
      const shape = w.shape as [number, number, number, number];
      views.push({ kind: 'filters', epoch, weights: { shape, data: (model.params[at].dataSync() as Float32Array).slice() } });
    }
  });
  return views;
}

function transferables(v: View): Transferable[] {
  switch (v.kind) {
    case 'boundary':
      return [v.grid.p1.buffer];
    case 'curve':
      return [v.y.buffer];
    case 'digits':
      return [v.samples.predicted.buffer];
    case 'filters':
      return [v.weights.data.buffer];
    default:
      return [];
  }
}

/**
 * What the spec's training receives besides the page's `train` message; its `progress`
 * posts the live spec's messages (worker-protocol.ts) to the page, moving `transfer`.
 */
export interface SpecJobContext extends JobContext {
  /** Settles when no other job runs: the spec's run waits for it before choosing its backend. */
  idle?: () => Promise<void>;
}

/**
 * The spec's training as a job: runs the page's `train` message, talking to the page in
 * the live spec's own messages (worker-protocol.ts) rather than the jobs' generic ones, and
 * ends between batches once `ctx.signal` aborts (Stop).
 */
async function trainSpec(params: unknown, ctx: SpecJobContext): Promise<void> {
  const msg = params as TrainMessage;
  const { run, graph, net: netName } = msg;
  const abort = new AbortController();
  if (ctx.signal?.aborted) abort.abort();
  ctx.signal?.addEventListener('abort', () => abort.abort());
  const progress = ctx.progress;
  if (progress) post = (m, transfer) => progress(m, transfer);
  active = { run, abort };
  lastRun = run;
  // A graph posted here is read back: a broken one is a coded message, not a crash below.
  const broken = checkGraph(graph);
  if (broken.length > 0) {
    post({ type: 'failed', run, message: `The graph cannot be trained: error ${broken[0].code}: ${broken[0].message}`, numTensors: tf.memory().numTensors });
    return;
  }
  let t: TrainGraph;
  let net: NetGraph;
  try {
    t = trainBlock(graph, netName);
    net = findNet(graph, t.net);
  } catch (e) {
    post({ type: 'failed', run, message: (e as Error).message, numTensors: tf.memory().numTensors });
    return;
  }
  let viewModel: Model | null = null;
  mark('train');
  try {
    await warming;
    // A demonstration's job running now keeps the engine's backend until it ends.
    await ctx.idle?.();
    let backend: BackendName;
    let reason: string | undefined;
    try {
      // Auto picks by the net's cost and the device; the renderer is probed only for a net
      // big enough that a GPU could matter.
      const cost = stepFlops(net, t);
      const pick = msg.backend === 'auto' ? pickBackend(cost, gpuCouldGain(cost) ? webglRenderer() : undefined) : null;
      backend = await initBackend(msg.backend, { autoOrder: pick?.order });
      engineBackend = backend;
      if (pick) reason = backend === pick.order[0] ? pick.reason : `${pick.order[0]} could not start`;
    } catch (e) {
      const why = (e instanceof Error ? e.message : String(e)).replace(/; try --backend auto$/, '');
      post({ type: 'failed', run, message: `This browser cannot train on ${msg.backend} (${why}). Choose Auto to use the fastest backend it has.`, numTensors: tf.memory().numTensors });
      return;
    }
    if (backend === 'webgl') watchContext();
    post({ type: 'started', run, backend, reason, numTensors: tf.memory().numTensors });
    mark('started');
    const readFile = (path: string): string => {
      const text = msg.files[path];
      if (text === undefined) throw new Error('choose the file on the page first');
      return text;
    };
    const prepared = prepareRun(graph, { net: netName, readFile });
    const data = viewData(prepared);
    mark('data');
    for (const v of staticViews(t, data)) post({ type: 'view', run, view: v });

    let lastView = 0;
    let lastBatch = 0;
    let lastEpochs = 0;
    let pending: EpochReport[] = [];
    const flushEpochs = () => {
      if (pending.length > 0) post({ type: 'epochs', run, reports: pending });
      pending = [];
      lastEpochs = performance.now();
    };
    let lastYield = performance.now();
    const showViews = (epoch: number, model: Viewable) => {
      let views: View[];
      try {
        views = modelViews(t, net, data, model, epoch);
      } catch {
        // A view is an extra: a model the view cannot evaluate must not cost the run.
        return;
      }
      for (const v of views) post({ type: 'view', run, view: v }, transferables(v));
    };
    const info = (epochs: number): WeightsInfo => {
      const target = data.ds.target;
      return {
        net: netName,
        standardize: data.stats,
        classes: target.kind === 'classes' ? target.names : undefined,
        features: data.ds.featureNames,
        epochs,
        seed: t.seed,
      };
    };
    const result: TrainResult = await fit(prepared, {
      backend,
      signal: abort.signal,
      resume: msg.resume,
      snapshotMs: SNAPSHOT_MS,
      onSnapshot: (s: TrainSnapshot) => {
        post({ type: 'snapshot', run, snapshot: s, weights: info(s.epoch) }, snapshotBuffers(s));
      },
      onEpoch: async (report: EpochReport, model: Viewable) => {
        if (report.epoch === 1) mark('epoch');
        pending.push(report);
        const now = performance.now();
        if (now - lastEpochs > EPOCHS_EVERY_MS || report.epoch === report.epochs) flushEpochs();
        if ((now - lastView > VIEW_EVERY_MS || report.epoch === report.epochs)) {
          lastView = now;
          showViews(report.epoch, model);
        }
        lastYield = performance.now();
        await yieldToEvents();
      },
      onBatch: async (report: BatchReport) => {
        const now = performance.now();
        if (report.batches > 1 && now - lastBatch > BATCH_EVERY_MS) {
          lastBatch = now;
          post({ type: 'batch', run, report });
        }
        if (now - lastYield > YIELD_EVERY_MS) {
          lastYield = now;
          await yieldToEvents();
        }
      },
    });
    if (gpuLost) return;
    flushEpochs();
    // The final view comes from the returned weights, so it shows the model as trained
    // even when the run ended between two live views; diverged weights show nothing.
    if (result.epochs > 0 && result.stopped !== 'diverged') {
      viewModel = new Model(net, { state: result.state });
      showViews(result.final?.epoch ?? result.epochs, viewModel);
    }
    const summary: RunSummary = {
      backend: result.backend,
      stopped: result.stopped,
      message: result.message,
      final: result.final,
      epochs: result.epochs,
      bestEpoch: result.bestEpoch,
      stoppedEarly: result.stoppedEarly,
      seconds: result.seconds,
    };
    viewModel?.dispose();
    viewModel = null;
    const buffers = Object.values(result.state).map((s) => (s.data as Float32Array).buffer).filter((b) => b instanceof ArrayBuffer);
    const target = data.ds.target;
    const weights: WeightsInfo = {
      net: result.net,
      standardize: result.standardize,
      classes: target.kind === 'classes' ? target.names : undefined,
      features: data.ds.featureNames,
      epochs: result.epochs,
      seed: t.seed,
    };
    post({ type: 'done', run, summary, state: result.state, weights, numTensors: tf.memory().numTensors }, buffers);
  } catch (e) {
    viewModel?.dispose();
    // The page already heard of the lost context and is resuming elsewhere.
    if (gpuLost) return;
    // A coded error (bad data, a broken graph) shows its catalogue code, as the CLI prints it.
    const code = (e as { code?: unknown }).code;
    const why = `${typeof code === 'string' && /^DL\d{4}$/.test(code) ? `error ${code}: ` : ''}${e instanceof Error ? e.message : String(e)}`;
    post({ type: 'failed', run, message: `Training failed: ${why}`, numTensors: tf.memory().numTensors });
  } finally {
    if (active?.run === run) {
      active = null;
      engineBackend = null;
    }
  }
}

/** A snapshot's arrays, all fresh copies, so they can move to the page without a copy. */
function snapshotBuffers(s: TrainSnapshot): Transferable[] {
  const arrays = [...Object.values(s.state).map((t) => t.data), ...Object.values(s.best?.state ?? {}).map((t) => t.data), ...s.optimizer.buffers, s.rng.words];
  return arrays.flatMap((a) => (ArrayBuffer.isView(a) && a.buffer instanceof ArrayBuffer ? [a.buffer] : []));
}

/** The spec's training as the worker's built-in job module, registered before the site's. */
export const JOBS = { [SPEC_TRAIN_JOB]: trainSpec };
export const SPEC_JOB_MODULE: JobModule = { source: 'dlc: the spec\'s training (site/islands/spec/train-job.ts)', exports: { JOBS } };

/**
 * A fused training step for nets of the fused class (class.ts), planned from the typed
 * graph: the backend runs only the matrix products, as plain products with operands laid
 * out on the host (no transposes, no gradient tape); the bias, the activations, the loss
 * with its gradient and correct count, the bias gradients and the optimizer's update run on
 * the host in one pass each (elementwise.ts, optimizer.ts). A full-batch Iris step is 8
 * products, its epoch 11, each the backend's BatchMatMul kernel called directly (products.ts),
 * so the engine runs no kernel at all (133 an epoch on the generic step). The weights live
 * on the host during the run and are written back to the model (and the optimizer's state
 * to the optimizer) by sync(), which train.ts calls only when something reads them.
 * Nets that read an image add conv, maxpool and flatten stages (images.ts): the backend runs
 * their convolutions and maxima, the host their layouts, bias gradients and the pool's
 * gradient; a Digits step is 7 such kernel calls and 3 products.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { NetGraph, TrainGraph } from '../../graph/types.ts';
import type { Model } from '../model.ts';
import type { Optimizer } from '../optimizers/index.ts';
import { type Activation, activation, lossOf } from './elementwise.ts';
import { type HostOptimizer, hostOptimizer } from './optimizer.ts';
import { type ConvGeometry, ImageKernels, toNCHW, toNHWC } from './images.ts';
import { channelSums } from '../ops/host.ts';
import { type PoolGeometry, poolGrad } from '../ops/pool-math.ts';
import { Products } from './products.ts';

type Stage =
  | { kind: 'linear'; in: number; out: number; weight: number; bias: number | null; needsInputGrad: boolean }
  | { kind: 'act'; fn: Activation; relu: boolean }
  | { kind: 'conv'; g: ConvGeometry; weight: number; bias: number | null; needsInputGrad: boolean }
  | { kind: 'pool'; g: PoolGeometry }
  // NHWC to PyTorch's C, H, W order.
  | { kind: 'flatten'; c: number; hw: number };

/** Switch for the A/B in docs/performance.md ("The fused CNN step"); always on in dlc. */
export const fusedRouting = { reluIntoPool: true };

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** What the forward pass keeps for the backward one, per stage. */
interface Saved {
  x: Float32Array;
  /** The linear stage's input as backend data (the batch's tensor for the first stage), released after use when `own`. */
  operand?: tf.TensorInfo;
  own?: boolean;
  y: Float32Array;
  /** A maxpool's maxima's places when its input held a NaN (the host loop), else null. */
  from?: Int32Array | null;
}

/**
 * Buffers for one batch size, reused step after step: the activations' outputs and input
 * gradients, dz^T, the loss gradient. Products' results are fresh arrays (read back).
 */
interface Workspace {
  /** Per stage: the activation's output (act and flatten stages). */
  act: Float32Array[];
  /** Per stage: dL/d(stage input) (act, flatten and pool stages). */
  dAct: Float32Array[];
  /** Per stage: dz^T [out, n] or x^T [in, n], whichever dW's product takes (linear stages). */
  dzT: Float32Array[];
  dOut: Float32Array;
  saved: Saved[];
}


export class FusedTrainer {
  private readonly stages: Stage[] = [];
  /** Values per example going into the first stage. */
  private readonly inputWidth: number;
  /** An image input's channels and pixels (it is read as PyTorch's [N, C, H, W] and made NHWC), else null. */
  private readonly image: { c: number; hw: number } | null;
  /** Values per example into and out of each stage. */
  private readonly inSizes: number[] = [];
  private readonly outSizes: number[] = [];
  /** The first stage with parameters: the backward pass stops there. */
  private firstParam = 0;
  private readonly kernels = new ImageKernels();
  /** Per conv stage, its filter [kh, kw, in, out] and bias as backend data, remade after each update. */
  private readonly uploads = new Map<string, tf.TensorInfo>();
  private readonly params: Float32Array;
  private readonly grads: Float32Array;
  private readonly offsets: number[] = [];
  private readonly optimizer: HostOptimizer;
  private readonly products = new Products();
  /** W^T [in, out] per linear stage as backend data for the forward product, remade after each update. */
  private transposed: Array<tf.TensorInfo | null> = [];
  private readonly rows = new WeakMap<tf.Tensor, Float32Array>();
  private readonly workspaces = new Map<number, Workspace>();
  /** Whether the model's variables (and the optimizer's state) are behind the host's. */
  private weightsBehind = false;
  private optimizerBehind = false;

  private readonly block: Pick<TrainGraph, 'loss' | 'optimizer'>;
  private readonly model: Model;
  private readonly tfOptimizer: Optimizer;

  /** `block` gives the loss and the optimizer; `tfOptimizer` holds the optimizer's state before and after. */
  constructor(net: NetGraph, block: Pick<TrainGraph, 'loss' | 'optimizer'>, model: Model, tfOptimizer: Optimizer) {
    this.block = block;
    this.model = model;
    this.tfOptimizer = tfOptimizer;
    this.inputWidth = sizeOf(net.inputShape);
    this.image = net.inputShape.length === 3 ? { c: net.inputShape[0], hw: net.inputShape[1] * net.inputShape[2] } : null;
    let size = 0;
    for (const p of model.params) {
      this.offsets.push(size);
      size += p.size;
    }
    this.params = new Float32Array(size);
    model.params.forEach((p, i) => this.params.set(p.dataSync() as Float32Array, this.offsets[i]));
    this.grads = new Float32Array(size);
    this.optimizer = hostOptimizer(block.optimizer, size, tfOptimizer.save());
    let seenParams = false;
    this.firstParam = -1;
    for (const node of net.nodes) {
      this.inSizes.push(sizeOf(node.inShape));
      this.outSizes.push(sizeOf(node.outShape));
      const index = (local: string) => model.paramNames.indexOf(`layers.${node.index}.${local}`);
      if (node.op === 'flatten') {
        this.stages.push(node.inShape.length === 3
          ? { kind: 'flatten', c: node.inShape[0], hw: node.inShape[1] * node.inShape[2] }
          : { kind: 'flatten', c: 1, hw: sizeOf(node.inShape) });
        continue;
      }
      if (node.op === 'maxpool') {
        const [kh, kw] = pair(node.attrs.kernel);
        const [sh, sw] = pair(node.attrs.stride ?? node.attrs.kernel);
        const [c, h, w] = node.inShape;
        const [, oh, ow] = node.outShape;
        this.stages.push({ kind: 'pool', g: { c, kh, kw, sh, sw, h, w, oh, ow } });
        continue;
      }
      if (node.op === 'conv') {
        const wi = index('weight');
        if (wi < 0) throw new Error(`the fused step found no weight for layer ${node.index}`);
        const bi = index('bias');
        const [cout, cin, kh, kw] = model.params[wi].shape;
        const [, h, w] = node.inShape;
        const [, oh, ow] = node.outShape;
        const g: ConvGeometry = { cin, cout, kh, kw, stride: Number(node.attrs.stride), pad: Number(node.attrs.pad), h, w, oh, ow };
        this.stages.push({ kind: 'conv', g, weight: wi, bias: bi < 0 ? null : bi, needsInputGrad: seenParams });
        if (!seenParams) this.firstParam = this.stages.length - 1;
        seenParams = true;
        continue;
      }
      if (node.op !== 'linear') {
        this.stages.push({ kind: 'act', fn: activation(node), relu: node.op === 'relu' });
        continue;
      }
      const w = index('weight');
      if (w < 0) throw new Error(`the fused step found no weight for layer ${node.index}`);
      const b = index('bias');
      if (!seenParams) this.firstParam = this.stages.length;
      const [out, inF] = model.params[w].shape;
      this.stages.push({ kind: 'linear', in: inF, out, weight: w, bias: b < 0 ? null : b, needsInputGrad: seenParams });
      this.transposed.push(null);
      seenParams = true;
    }
  }

  /**
   * One optimizer step on a batch: returns the batch's mean loss and correct count, as the
   * generic step's loss and correct tensors hold them.
   */
  step(x: tf.Tensor, target: tf.Tensor): { loss: number; correct: number } {
    const { loss, correct } = this.forwardBackward(x, target);
    this.optimizer.step(this.params, this.grads);
    this.weightsBehind = true;
    this.optimizerBehind = true;
    this.dropTransposed();
    return { loss, correct };
  }

  /**
   * A batch's output, mean loss and every parameter's gradient (by state_dict name), with
   * no update: what a conformance step case measures.
   */
  gradients(x: tf.Tensor, target: tf.Tensor): { output: Float32Array; loss: number; grads: Record<string, Float32Array> } {
    const { output, loss } = this.forwardBackward(x, target);
    const grads = Object.fromEntries(this.model.paramNames.map((name, i) => [
      name, this.grads.slice(this.offsets[i], this.offsets[i] + this.model.params[i].size),
    ]));
    return { output: output.slice(), loss, grads };
  }

  /** Forward, loss and backward on a batch; the gradients land in `this.grads`. */
  private forwardBackward(x: tf.Tensor, target: tf.Tensor): { output: Float32Array; loss: number; correct: number } {
    const n = x.shape[0];
    const ws = this.workspace(n);
    const out = this.forward(x, this.read(x), n, ws);
    const { value, correct } = lossOf(this.block.loss, out, this.read(target), n, ws.dOut);
    this.backward(ws, n);
    return { output: out, loss: value, correct };
  }

  /** [summed loss, correct count] over a set in evaluation mode, as train.ts's evaluateTensors gives them (as float32). */
  evaluate(x: tf.Tensor, target: tf.Tensor): [number, number] {
    const n = x.shape[0];
    const ws = this.workspace(n);
    const out = this.forward(x, this.read(x), n, ws);
    this.release(ws.saved);
    const { value, correct } = lossOf(this.block.loss, out, this.read(target), n, null);
    return [Math.fround(value * n), correct];
  }

  /**
   * Writes the host's weights into the model's variables, and with `optimizerToo` its
   * optimizer state into the optimizer, when they are behind (train.ts calls it only when
   * someone is about to look at them).
   */
  sync(optimizerToo: boolean): void {
    if (this.weightsBehind) {
      this.model.params.forEach((p, i) => {
        const values = this.params.slice(this.offsets[i], this.offsets[i] + p.size);
        tf.tidy(() => p.assign(tf.tensor(values, p.shape, 'float32')));
      });
      this.weightsBehind = false;
    }
    if (optimizerToo && this.optimizerBehind) {
      this.tfOptimizer.restore(this.optimizer.save());
      this.optimizerBehind = false;
    }
  }

  dispose(): void {
    this.dropTransposed();
  }

  /** A tensor's values, read once while it lives (the full-batch set is the same tensor every epoch). */
  private read(t: tf.Tensor): Float32Array {
    let values = this.rows.get(t);
    if (values === undefined) {
      values = t.dataSync() as Float32Array;
      this.rows.set(t, values);
    }
    return values;
  }

  private workspace(n: number): Workspace {
    let ws = this.workspaces.get(n);
    if (ws === undefined) {
      const act: Float32Array[] = [];
      const dAct: Float32Array[] = [];
      const dzT: Float32Array[] = [];
      let width = this.inputWidth;
      this.stages.forEach((stage, k) => {
        const empty = new Float32Array(0);
        width = this.outSizes[k];
        const own = stage.kind === 'act' || stage.kind === 'flatten';
        act.push(own ? new Float32Array(n * width) : empty);
        dAct.push(own || stage.kind === 'pool' ? new Float32Array(n * this.inSizes[k]) : empty);
        dzT.push(stage.kind === 'linear' ? new Float32Array(n * Math.max(stage.in, stage.out)) : empty);
      });
      ws = { act, dAct, dzT, dOut: new Float32Array(n * width), saved: [] };
      this.workspaces.set(n, ws);
    }
    return ws;
  }

  /** The net's output for a batch; what the backward pass needs is left in `ws.saved`. */
  private forward(x: tf.Tensor, xs: Float32Array, n: number, ws: Workspace): Float32Array {
    const saved = ws.saved;
    saved.length = 0;
    let h = xs;
    let operand: tf.TensorInfo | null = x;
    if (this.image !== null) {
      // PyTorch's [N, C, H, W] as NHWC (one channel: the same values).
      if (this.image.c !== 1) h = toNHWC(xs, n, this.image.c, this.image.hw, new Float32Array(xs.length));
      operand = null;
    }
    let linear = 0;
    for (let k = 0; k < this.stages.length; k++) {
      const stage = this.stages[k];
      if (stage.kind === 'conv') {
        const g = stage.g;
        const input = this.kernels.upload(h, [n, g.h, g.w, g.cin]);
        const z = this.kernels.conv(input, this.convFilter(k, stage), stage.bias === null ? null : this.convBias(k, stage), g);
        this.kernels.release(input);
        saved.push({ x: h, y: z });
        h = z;
        continue;
      }
      if (stage.kind === 'pool') {
        const { y, from } = this.kernels.maxPool(h, n, stage.g);
        saved.push({ x: h, y, from });
        h = y;
        continue;
      }
      if (stage.kind === 'flatten') {
        const y = stage.c === 1 ? h : toNCHW(h, n, stage.c, stage.hw, ws.act[k]);
        saved.push({ x: h, y });
        h = y;
        operand = null;
        continue;
      }
      if (stage.kind === 'act') {
        const y = ws.act[k];
        stage.fn.forward(h, y);
        saved.push({ x: h, y });
        h = y;
        operand = null;
        continue;
      }
      const out = stage.out;
      const own = operand === null;
      const input = operand ?? this.products.upload(h, [n, stage.in]); // uploaded once, for this product and dW's
      const z = this.products.mul(input, this.weightT(linear, stage), n, stage.in, out);
      if (stage.bias !== null) {
        const o = this.offsets[stage.bias];
        const p = this.params;
        for (let r = 0, i = 0; r < n; r++) for (let j = 0; j < out; j++, i++) z[i] = Math.fround(z[i] + p[o + j]);
      }
      saved.push({ x: h, operand: input, own, y: z });
      h = z;
      operand = null;
      linear++;
    }
    return h;
  }

  /** Backward from `ws.dOut` through `ws.saved`; the gradients land in `this.grads`. */
  private backward(ws: Workspace, n: number): void {
    let d = ws.dOut;
    const grads = this.grads;
    for (let k = this.stages.length - 1; k >= this.firstParam; k--) {
      const stage = this.stages[k];
      const s = ws.saved[k];
      if (stage.kind === 'flatten') {
        if (stage.c !== 1) d = toNHWC(d, n, stage.c, stage.hw, ws.dAct[k]);
        continue;
      }
      if (stage.kind === 'pool') {
        // A ReLU just before: its gradient applied as the pool's scatters (the same values:
        // the pool's dx is zero where it scatters nothing), not as a pass over every value.
        const before = this.stages[k - 1];
        const relu = fusedRouting.reluIntoPool && before?.kind === 'act' && before.relu && k - 1 >= this.firstParam;
        poolGrad(s.x, s.y, s.from ?? null, d, n, stage.g, ws.dAct[k], relu ? ws.saved[k - 1].x : null);
        d = ws.dAct[k];
        if (relu) k--;
        continue;
      }
      if (stage.kind === 'conv') {
        const g = stage.g;
        const o = this.offsets[stage.weight];
        this.kernels.filterGrad(s.x, d, n, g, grads, o);
        if (stage.bias !== null) channelSums(d, g.cout, grads, this.offsets[stage.bias]);
        if (stage.needsInputGrad) {
          const dy = this.kernels.upload(d, [n, g.oh, g.ow, g.cout]);
          d = this.kernels.inputGrad(dy, this.params.subarray(o, o + g.cout * g.cin * g.kh * g.kw), n, g);
          this.kernels.release(dy);
        }
        continue;
      }
      if (stage.kind === 'act') {
        const dx = ws.dAct[k];
        stage.fn.backward(d, s.x, s.y, dx);
        d = dx;
        continue;
      }
      const out = stage.out;
      const inF = stage.in;
      const o = this.offsets[stage.weight];
      // The product's second operand is packed by XNNPACK on every call unless the backend
      // already holds it (the data set's tensor, packed once): dW takes the smaller of x and dz
      // there. Both ways each dW entry is the same sum over the rows in the same order.
      let dz: Float32Array | tf.TensorInfo = d;
      if (s.own && out < inF) {
        // dW^T = x^T dz: [in, N] [N, out], then laid out as PyTorch's [out, in].
        const xT = ws.dzT[k];
        const x = s.x;
        for (let r = 0, i = 0; r < n; r++) for (let c = 0; c < inF; c++, i++) xT[c * n + r] = x[i];
        this.products.release(s.operand!);
        dz = this.products.upload(d, [n, out]); // also dx's first operand below
        const dWT = this.products.mul(xT, dz, inF, n, out);
        for (let c = 0, i = 0; c < inF; c++) for (let j = 0; j < out; j++, i++) grads[o + j * inF + c] = dWT[i];
      } else {
        // dW = dz^T x: [out, N] [N, in], PyTorch's layout straight away.
        const dzT = ws.dzT[k];
        for (let r = 0, i = 0; r < n; r++) for (let j = 0; j < out; j++, i++) dzT[j * n + r] = d[i];
        grads.set(this.products.mul(dzT, s.operand!, out, n, inF), o);
        if (s.own) this.products.release(s.operand!);
      }
      if (stage.bias !== null) {
        // Column j of dz summed over the rows, in order.
        const ob = this.offsets[stage.bias];
        for (let j = 0; j < out; j++) {
          let sum = 0;
          for (let r = 0, i = j; r < n; r++, i += out) sum += d[i];
          grads[ob + j] = sum;
        }
      }
      // dx = dz W: [N, out] [out, in], with the model's weight as it is now.
      if (stage.needsInputGrad) d = this.products.mul(dz, this.params.subarray(o, o + out * inF), n, out, inF);
      if (!(dz instanceof Float32Array)) this.products.release(dz);
    }
  }

  private release(saved: Saved[]): void {
    for (const s of saved) if (s.own) this.products.release(s.operand!);
  }

  private weightT(linear: number, stage: Extract<Stage, { kind: 'linear' }>): tf.TensorInfo {
    let t = this.transposed[linear];
    if (t === null) {
      const o = this.offsets[stage.weight];
      const wT = new Float32Array(stage.in * stage.out);
      for (let j = 0; j < stage.out; j++) for (let i = 0; i < stage.in; i++) wT[i * stage.out + j] = this.params[o + j * stage.in + i];
      t = this.products.upload(wT, [stage.in, stage.out]); // reused until the next update
      this.transposed[linear] = t;
    }
    return t;
  }

  /** A conv stage's filter [kh, kw, in, out] as backend data, until the next update. */
  private convFilter(k: number, stage: Extract<Stage, { kind: 'conv' }>): tf.TensorInfo {
    const key = `f${k}`;
    let t = this.uploads.get(key);
    if (t === undefined) {
      const g = stage.g;
      const o = this.offsets[stage.weight];
      t = this.kernels.upload(this.kernels.filter(this.params.subarray(o, o + g.cout * g.cin * g.kh * g.kw), g), [g.kh, g.kw, g.cin, g.cout]);
      this.uploads.set(key, t);
    }
    return t;
  }

  private convBias(k: number, stage: Extract<Stage, { kind: 'conv' }>): tf.TensorInfo {
    const key = `b${k}`;
    let t = this.uploads.get(key);
    if (t === undefined) {
      const o = this.offsets[stage.bias!];
      t = this.kernels.upload(this.params.slice(o, o + stage.g.cout), [stage.g.cout]);
      this.uploads.set(key, t);
    }
    return t;
  }

  private dropTransposed(): void {
    for (const t of this.uploads.values()) this.kernels.release(t);
    this.uploads.clear();
    for (let i = 0; i < this.transposed.length; i++) {
      const t = this.transposed[i];
      if (t !== null) this.products.release(t);
      this.transposed[i] = null;
    }
  }
}

function pair(v: unknown): [number, number] {
  if (typeof v === 'number') return [v, v];
  if (Array.isArray(v) && v.length === 2) return [Number(v[0]), Number(v[1])];
  throw new Error(`the fused step expected one or two numbers, got ${String(v)}`);
}

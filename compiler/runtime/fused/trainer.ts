/**
 * A fused training step for nets of the fused class (class.ts), planned from the typed
 * graph: the backend runs only the matrix products, as plain products with operands laid
 * out on the host (no transposes, no gradient tape); the bias, the activations, the loss
 * with its gradient and correct count, the bias gradients and the optimizer's update run on
 * the host in one pass each (elementwise.ts, optimizer.ts). A full-batch Iris step is 8
 * matMul kernels (its epoch 15 kernels, against 133 generic). The weights live on the host during the run
 * and are written back to the model (and the optimizer's state to the optimizer) by sync().
 */
import * as tf from '@tensorflow/tfjs-core';
import type { NetGraph, TrainGraph } from '../../graph/types.ts';
import type { Model } from '../model.ts';
import type { Optimizer } from '../optimizers/index.ts';
import { type Activation, activation, lossOf } from './elementwise.ts';
import { type HostOptimizer, hostOptimizer } from './optimizer.ts';

type Stage =
  | { kind: 'linear'; in: number; out: number; weight: number; bias: number | null; needsInputGrad: boolean }
  | { kind: 'act'; fn: Activation };

/** What the forward pass keeps for the backward one, per stage. */
interface Saved {
  x: Float32Array;
  /** The linear stage's input as a tensor (the product's operand), owned when `own`. */
  xt?: tf.Tensor2D;
  own?: boolean;
  y: Float32Array;
}

/** A data set's rows on the host, read once per tensor. */
interface HostRows {
  x: Float32Array;
  target: Float32Array;
}

export class FusedTrainer {
  private readonly stages: Stage[] = [];
  private readonly params: Float32Array;
  private readonly grads: Float32Array;
  private readonly offsets: number[] = [];
  private readonly optimizer: HostOptimizer;
  /** W^T [in, out] per linear stage for the forward product, remade after each update. */
  private transposed: Array<tf.Tensor2D | null> = [];
  private readonly rows = new WeakMap<tf.Tensor, Float32Array>();

  private readonly block: Pick<TrainGraph, 'loss' | 'optimizer'>;
  private readonly model: Model;
  private readonly tfOptimizer: Optimizer;

  /** `block` gives the loss and the optimizer; `tfOptimizer` holds the optimizer's state before and after. */
  constructor(net: NetGraph, block: Pick<TrainGraph, 'loss' | 'optimizer'>, model: Model, tfOptimizer: Optimizer) {
    this.block = block;
    this.model = model;
    this.tfOptimizer = tfOptimizer;
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
    for (const node of net.nodes) {
      if (node.op !== 'linear') {
        this.stages.push({ kind: 'act', fn: activation(node) });
        continue;
      }
      const index = (local: string) => model.paramNames.indexOf(`layers.${node.index}.${local}`);
      const w = index('weight');
      if (w < 0) throw new Error(`the fused step found no weight for layer ${node.index}`);
      const b = index('bias');
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
    return { output, loss, grads };
  }

  /** Forward, loss and backward on a batch; the gradients land in `this.grads`. */
  private forwardBackward(x: tf.Tensor, target: tf.Tensor): { output: Float32Array; loss: number; correct: number } {
    const n = x.shape[0];
    const host = this.host(x, target);
    const { out, saved } = this.forward(x as tf.Tensor2D, host.x, n);
    const { value, correct, grad } = lossOf(this.block.loss, out, host.target, n, true);
    this.backward(grad!, saved, n);
    return { output: out, loss: value, correct };
  }

  /** [summed loss, correct count] over a set in evaluation mode, as train.ts's evaluateTensors gives them. */
  evaluate(x: tf.Tensor, target: tf.Tensor): tf.Tensor1D {
    const n = x.shape[0];
    const host = this.host(x, target);
    const { out, saved } = this.forward(x as tf.Tensor2D, host.x, n);
    this.release(saved);
    const { value, correct } = lossOf(this.block.loss, out, host.target, n, false);
    return tf.tensor1d([Math.fround(value * n), correct]);
  }

  /** Writes the host's weights into the model's variables and its optimizer state into the optimizer. */
  sync(optimizerToo: boolean): void {
    this.model.params.forEach((p, i) => {
      const values = this.params.slice(this.offsets[i], this.offsets[i] + p.size);
      tf.tidy(() => p.assign(tf.tensor(values, p.shape, 'float32')));
    });
    if (optimizerToo) this.tfOptimizer.restore(this.optimizer.save());
  }

  dispose(): void {
    this.dropTransposed();
  }

  private host(x: tf.Tensor, target: tf.Tensor): HostRows {
    return { x: this.read(x), target: this.read(target) };
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

  private forward(x: tf.Tensor2D, xs: Float32Array, n: number): { out: Float32Array; saved: Saved[] } {
    const saved: Saved[] = [];
    let h = xs;
    let ht: tf.Tensor2D | null = x;
    let linear = 0;
    for (const stage of this.stages) {
      if (stage.kind === 'act') {
        const y = stage.fn.forward(h);
        saved.push({ x: h, y });
        h = y;
        ht = null;
        continue;
      }
      const own = ht === null;
      const input = ht ?? tf.tensor2d(h, [n, stage.in]);
      const product = tf.matMul(input, this.weightT(linear, stage));
      const z = product.dataSync() as Float32Array;
      product.dispose();
      if (stage.bias !== null) {
        const b = this.params.subarray(this.offsets[stage.bias], this.offsets[stage.bias] + stage.out);
        for (let r = 0; r < n; r++) for (let j = 0; j < stage.out; j++) z[r * stage.out + j] = Math.fround(z[r * stage.out + j] + b[j]);
      }
      saved.push({ x: h, xt: input, own, y: z });
      h = z;
      ht = null;
      linear++;
    }
    return { out: h, saved };
  }

  private backward(dOut: Float32Array, saved: Saved[], n: number): void {
    let d = dOut;
    for (let k = this.stages.length - 1; k >= 0; k--) {
      const stage = this.stages[k];
      const s = saved[k];
      if (stage.kind === 'act') {
        d = stage.fn.backward(d, s.x, s.y);
        continue;
      }
      const { out } = stage;
      // dW = dz^T x: [out, N] [N, in], PyTorch's layout straight away.
      const dzT = new Float32Array(out * n);
      for (let r = 0; r < n; r++) for (let j = 0; j < out; j++) dzT[j * n + r] = d[r * out + j];
      tf.tidy(() => {
        const dW = tf.matMul(tf.tensor2d(dzT, [out, n]), s.xt!);
        this.grads.set(dW.dataSync() as Float32Array, this.offsets[stage.weight]);
      });
      if (stage.bias !== null) {
        const o = this.offsets[stage.bias];
        for (let j = 0; j < out; j++) {
          let sum = 0;
          for (let r = 0; r < n; r++) sum += d[r * out + j];
          this.grads[o + j] = sum;
        }
      }
      if (s.own) s.xt!.dispose();
      // dx = dz W: [N, out] [out, in], with the model's weight as it is now.
      if (stage.needsInputGrad) {
        // Read inside the tidy, not returned from it: tidy walks a returned array element by element.
        let dx = d;
        tf.tidy(() => { dx = tf.matMul(tf.tensor2d(d, [n, out]), this.weight(stage)).dataSync() as Float32Array; });
        d = dx;
      }
    }
  }

  private release(saved: Saved[]): void {
    for (const s of saved) if (s.own) s.xt!.dispose();
  }

  private weight(stage: Extract<Stage, { kind: 'linear' }>): tf.Tensor2D {
    const o = this.offsets[stage.weight];
    return tf.tensor2d(this.params.slice(o, o + stage.out * stage.in), [stage.out, stage.in]);
  }

  private weightT(linear: number, stage: Extract<Stage, { kind: 'linear' }>): tf.Tensor2D {
    let t = this.transposed[linear];
    if (t === null) {
      const o = this.offsets[stage.weight];
      const wT = new Float32Array(stage.in * stage.out);
      for (let j = 0; j < stage.out; j++) for (let i = 0; i < stage.in; i++) wT[i * stage.out + j] = this.params[o + j * stage.in + i];
      t = tf.keep(tf.tensor2d(wT, [stage.in, stage.out])); // kept past a caller's tidy: reused until the next update
      this.transposed[linear] = t;
    }
    return t;
  }

  private dropTransposed(): void {
    for (const t of this.transposed) t?.dispose();
    this.transposed = this.transposed.map(() => null);
  }
}

/**
 * The fused step's backend kernels, called directly (cpu, wasm), not through tf ops: the
 * engine's part of a kernel call (tensor records, scopes, tidy, the tape's checks, dispose)
 * cost more than the arithmetic on these small nets; the fused step needs none of it, since
 * its operands are host arrays uploaded for one call and its results are read straight back.
 * The kernels are the ones the tf ops run, with the same inputs, so the numbers are the same.
 */
import * as tf from '@tensorflow/tfjs-core';

/** An operand: host values uploaded for one product, or data the backend already holds. */
export type Operand = Float32Array | tf.TensorInfo;

/** Host values in, a backend kernel run, its result read back: the machinery the fused step's products and image stages share. */
export class BackendKernels {
  protected readonly backend: tf.KernelBackend;
  protected readonly name: string;

  constructor() {
    this.backend = tf.backend();
    this.name = tf.getBackend();
  }

  /** Host values as backend data, until `release`. */
  upload(values: Float32Array, shape: number[]): tf.TensorInfo {
    return { dataId: this.backend.write(values, shape, 'float32'), shape, dtype: 'float32' };
  }

  release(t: tf.TensorInfo): void {
    this.backend.disposeData(t.dataId);
  }

  /** Runs the backend's kernel on backend data and reads its float32 result back (released). */
  protected run(kernel: string, inputs: Record<string, tf.TensorInfo>, attrs: object): Float32Array {
    const k = tf.getKernel(kernel, this.name);
    if (k === undefined) throw new Error(`the ${this.name} backend has no ${kernel} kernel`);
    const out = k.kernelFunc({ inputs, backend: this.backend, attrs: attrs as tf.NamedAttrMap }) as tf.TensorInfo;
    const values = this.backend.readSync(out.dataId) as Float32Array;
    this.backend.disposeData(out.dataId);
    return values;
  }
}

/** The linear stages' matrix products, by the backend's BatchMatMul kernel (tf.matMul's). */
export class Products extends BackendKernels {
  private readonly attrs = { transposeA: false, transposeB: false };

  /** a [m, k] times b [k, n], plain (no transposes), as a fresh row-major [m, n] array. */
  mul(a: Operand, b: Operand, m: number, k: number, n: number): Float32Array {
    const ai = a instanceof Float32Array ? this.upload(a, [m, k]) : a;
    const bi = b instanceof Float32Array ? this.upload(b, [k, n]) : b;
    const values = this.run(tf.BatchMatMul, { a: ai, b: bi }, this.attrs);
    if (ai !== a) this.release(ai);
    if (bi !== b) this.release(bi);
    return values;
  }
}

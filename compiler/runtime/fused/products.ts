/**
 * The fused step's matrix products, run by the backend's own BatchMatMul kernel called
 * directly (cpu, wasm), not through tf.matMul. The engine's part of a kernel call (tensor
 * records, scopes, tidy, the tape's checks, dispose) cost more than the product itself on
 * these small nets; the fused step needs none of it, since its operands are host arrays
 * uploaded for one product and its result is read straight back. The kernel is the one
 * tf.matMul runs, with the same inputs, so the numbers are the same.
 */
import * as tf from '@tensorflow/tfjs-core';

/** An operand: host values uploaded for one product, or data the backend already holds. */
export type Operand = Float32Array | tf.TensorInfo;

export class Products {
  private readonly backend: tf.KernelBackend;
  private readonly kernel: tf.KernelFunc;
  private readonly attrs = { transposeA: false, transposeB: false };

  constructor() {
    this.backend = tf.backend();
    this.kernel = tf.getKernel(tf.BatchMatMul, tf.getBackend()).kernelFunc;
  }

  /** Host values as backend data, until `release`. */
  upload(values: Float32Array, rows: number, cols: number): tf.TensorInfo {
    return { dataId: this.backend.write(values, [rows, cols], 'float32'), shape: [rows, cols], dtype: 'float32' };
  }

  release(t: tf.TensorInfo): void {
    this.backend.disposeData(t.dataId);
  }

  /** a [m, k] times b [k, n], plain (no transposes), as a fresh row-major [m, n] array. */
  mul(a: Operand, b: Operand, m: number, k: number, n: number): Float32Array {
    const ai = a instanceof Float32Array ? this.upload(a, m, k) : a;
    const bi = b instanceof Float32Array ? this.upload(b, k, n) : b;
    const out = this.kernel({ inputs: { a: ai, b: bi }, backend: this.backend, attrs: this.attrs }) as tf.TensorInfo;
    const values = this.backend.readSync(out.dataId) as Float32Array; // float32 in, float32 out
    this.backend.disposeData(out.dataId);
    if (ai !== a) this.release(ai);
    if (bi !== b) this.release(bi);
    return values;
  }
}

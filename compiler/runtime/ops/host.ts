/**
 * Host kernels: ops written as plain loops over a tensor's values, for the backends whose
 * tensors live in host memory (cpu, and wasm's heap), where reading a small tensor is one
 * copy and a single node on the gradient tape replaces dozens of tfjs kernels, each with
 * microseconds of bookkeeping. WebGL keeps the tfjs compositions: reading back from the GPU
 * would stall it.
 */
import * as tf from '@tensorflow/tfjs-core';

/**
 * Whether cpu and wasm use the host kernels of this folder (recurrent-host.ts, pool-host.ts,
 * and conv.ts's turned filter and bias gradient).
 * Always on in dlc; bench/step-kernels.ts turns it off to time the tfjs composition they
 * replace in the same run.
 */
export const hostKernels = { enabled: true };

/** True where tensors live in host memory (cpu, wasm), so a host kernel reads them cheaply. */
export function onHost(): boolean {
  const backend = tf.getBackend();
  return hostKernels.enabled && (backend === 'cpu' || backend === 'wasm');
}

/**
 * A float32 tensor's values as the host sees them, without a copy where the backend allows:
 * on wasm a view into its heap (dataSync copies, about 1 us per thousand values here, which
 * for the CNN's activations is a large part of a host kernel). Read it at once and never
 * write to it: the next tensor made may grow the heap and detach the view.
 */
export function hostView(t: tf.Tensor): Float32Array {
  const backend = tf.backend() as unknown as { typedArrayFromHeap?: (info: tf.TensorInfo) => Float32Array };
  if (t.dtype === 'float32' && typeof backend.typedArrayFromHeap === 'function') return backend.typedArrayFromHeap(t);
  return t.dataSync() as Float32Array;
}

/**
 * dy NHWC (host values) summed per channel into `into` from `at`: a conv's bias gradient, in
 * double precision, rounded once. One host pass: tfjs-backend-wasm's Sum over the outer axes
 * transposes first, about twice the cost for the Digits CNN's activations.
 */
export function channelSums(dy: Float32Array, c: number, into: Float32Array, at = 0): void {
  const acc = new Float64Array(c);
  for (let i = 0; i < dy.length; i += c) for (let ch = 0; ch < c; ch++) acc[ch] += dy[i + ch];
  for (let ch = 0; ch < c; ch++) into[at + ch] = acc[ch];
}

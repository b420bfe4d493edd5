/**
 * Host kernels: ops written as plain loops over a tensor's values, for the backends whose
 * tensors live in host memory (cpu, and wasm's heap), where reading a small tensor is one
 * copy and a single node on the gradient tape replaces dozens of tfjs kernels, each with
 * microseconds of bookkeeping. WebGL keeps the tfjs compositions: reading back from the GPU
 * would stall it.
 */
import * as tf from '@tensorflow/tfjs-core';

/**
 * Whether cpu and wasm use the host kernels of this folder (recurrent-host.ts, pool-host.ts).
 * Always on in dlc; bench/step-kernels.ts turns it off to time the tfjs composition they
 * replace in the same run.
 */
export const hostKernels = { enabled: true };

/** True where tensors live in host memory (cpu, wasm), so a host kernel reads them cheaply. */
export function onHost(): boolean {
  const backend = tf.getBackend();
  return hostKernels.enabled && (backend === 'cpu' || backend === 'wasm');
}

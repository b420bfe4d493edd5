/**
 * Transposes that move only axes of size 1 leave the values in memory order: such a
 * "transpose" is a reshape, which tfjs does without touching the data (a Transpose kernel
 * copies every value; on wasm about 50 us for the Digits CNN's [64, 1, 8, 8] input, a
 * reshape about 13). The values are the same either way.
 */
import * as tf from '@tensorflow/tfjs-core';

export function permute<T extends tf.Tensor>(x: T, perm: number[]): T {
  const shape = perm.map((a) => x.shape[a]);
  let last = -1;
  for (const a of perm) {
    if (x.shape[a] === 1) continue;
    if (a < last) return tf.transpose(x, perm) as T;
    last = a;
  }
  return tf.reshape(x, shape) as T;
}

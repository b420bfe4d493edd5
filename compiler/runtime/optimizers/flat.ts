/**
 * Optimizer arithmetic on all parameters at once. The update rules are elementwise, so
 * they can run on one vector holding every gradient: about ten kernels per step instead of
 * ten per parameter tensor, which is most of a small net's step time in tfjs, and the very
 * same numbers.
 */
import * as tf from '@tensorflow/tfjs-core';

/** Every tensor flattened and joined, in order: [sum of sizes]. */
export function flatten(ts: tf.Tensor[]): tf.Tensor1D {
  const flat = ts.map((t) => (t.rank === 1 ? t : tf.reshape(t, [-1])));
  return (flat.length === 1 ? flat[0] : tf.concat(flat)) as tf.Tensor1D;
}

/** p -= delta for every parameter, delta being the flat vector of all their steps. */
export function applyFlat(params: tf.Variable[], delta: tf.Tensor1D): void {
  const parts = params.length === 1 ? [delta] : tf.split(delta, params.map((p) => p.size));
  params.forEach((p, i) => p.assign(tf.sub(p, p.rank === 1 ? parts[i] : tf.reshape(parts[i], p.shape))));
}

/** A flat state vector (moments, momentum), zero until first written. */
export function flatState(params: tf.Variable[]): tf.Variable {
  const size = params.reduce((n, p) => n + p.size, 0);
  return tf.tidy(() => tf.variable(tf.zeros([size]), false));
}

/** A flat state vector's values, read back (for a snapshot). */
export function readFlat(v: tf.Variable): Float32Array {
  return (v.dataSync() as Float32Array).slice();
}

/** A flat state vector holding saved values. */
export function restoreFlat(values: Float32Array): tf.Variable {
  return tf.tidy(() => tf.variable(tf.tensor1d(values, 'float32'), false));
}

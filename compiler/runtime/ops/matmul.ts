/**
 * Matrix products for nn.Linear and the recurrent layers, chosen per backend. tfjs-backend-wasm 4.22 runs a product with transposeA/transposeB about twenty
 * times slower than a plain one plus a transpose (XNNPACK takes only the plain one), and
 * tfjs's matMul gradient is made of such products; there the product and its gradient use
 * explicit transposes and plain products. The cpu and webgl kernels transpose for free while
 * their transposes cost, so they keep tfjs's own. The sums are the same either way.
 */
import * as tf from '@tensorflow/tfjs-core';

/** a @ b whose gradient uses only plain products and explicit transposes. */
const plainMatMul = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [a, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
      const [as, bs] = saved as [tf.Tensor2D, tf.Tensor2D];
      return [tf.matMul(dy, tf.transpose(bs)), tf.matMul(tf.transpose(as), dy)];
    },
  };
}) as (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D;

/** a @ b, with the gradient each backend runs fastest. */
export function product(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return tf.getBackend() === 'wasm' ? plainMatMul(a, b) : tf.matMul(a, b);
}

/**
 * x => x W^T for a weight W [out, in]; make it once per forward pass and apply it to every
 * step of a sequence.
 */
export function timesTransposed(w: tf.Tensor2D): (x: tf.Tensor2D) => tf.Tensor2D {
  if (tf.getBackend() !== 'wasm') return (x) => tf.matMul(x, w, false, true);
  const wT = tf.transpose(w);
  return (x) => plainMatMul(x, wT);
}

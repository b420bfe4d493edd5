/** Elementwise activations and softmax over the last dimension. */
import * as tf from '@tensorflow/tfjs-core';
import type { OpImpl } from './op.ts';
import { num } from './op.ts';

const SQRT1_2 = Math.SQRT1_2;

export const activationOps = {
  relu: { layout: 'any', forward: (x) => tf.relu(x) },
  sigmoid: { layout: 'any', forward: (x) => tf.sigmoid(x) },
  tanh: { layout: 'any', forward: (x) => tf.tanh(x) },
  // nn.GELU()'s exact form x * Phi(x) = x/2 * (1 + erf(x / sqrt 2)), not the tanh approximation.
  gelu: {
    layout: 'any',
    forward: (x) => tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, SQRT1_2)))),
  },
  // nn.LeakyReLU(negative_slope): x where x > 0, else slope * x (the gradient at 0 is slope, as in PyTorch).
  leaky_relu: { layout: 'any', forward: (x, node) => tf.leakyRelu(x, num(node, 'slope')) },
  // nn.SiLU(): x * sigmoid(x).
  silu: { layout: 'any', forward: (x) => tf.mul(x, tf.sigmoid(x)) },
  // Over the last dimension, which for images is width in PyTorch's order.
  softmax: { layout: 'nchw', forward: (x) => tf.softmax(x, -1) },
} satisfies Record<string, OpImpl>;

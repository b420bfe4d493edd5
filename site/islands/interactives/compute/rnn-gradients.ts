/**
 * `rnn-lstm-gradients`: how much gradient reaches each step of a sequence in a freshly
 * initialised recurrent net. The nets read the `delay` task (the label is the first of T
 * random bits) and answer from the last step; the loss's gradient with respect to every
 * input step is measured by the runtime's autograd, before any training.
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadDataset, LOSSES, lossTarget, Model } from 'dlc/runtime';
import { compileNet } from './spec.ts';
import { RNN_DEFAULTS } from '../shared/defaults.ts';

export type Cell = 'rnn' | 'lstm';

export interface StepGradients {
  cell: Cell;
  seed: number;
  /** Mean |dL/dx_t| over the examples, for t = 1..steps. */
  perStep: number[];
}

export interface RnnGradientOptions {
  steps?: number;
  hidden?: number;
  examples?: number;
  seed?: number;
}

/** The spec of the net the interactive measures, as a learner would write it. */
export function recurrentSpec(cell: Cell, steps: number, hidden: number): string {
  return `net Seq <\n  input ${steps}x1;\n  ${cell} 1->${hidden};\n  last;\n  linear ${hidden}->2\n>`;
}

/**
 * Gradient size per input step at initialisation.
 *
 * @example
 * const g = stepGradients('rnn', { steps: 40, seed: 0 });
 * g.perStep[0] / g.perStep[39] // far below 1: little reaches the first step
 */
export function stepGradients(cell: Cell, opts: RnnGradientOptions = {}): StepGradients {
  const { steps, hidden, examples: n, seed } = { ...RNN_DEFAULTS, ...opts };
  const net = compileNet(recurrentSpec(cell, steps, hidden));
  const data = loadDataset({ name: 'delay', options: { steps, n }, exampleShape: [steps, 1], target: null }, { seed });
  const model = new Model(net, { seed });
  try {
    const perStep = tf.tidy(() => {
      const x = tf.tensor(data.x, [n, steps, 1]);
      const target = tf.tensor(lossTarget('cross_entropy', data.y, n, net.outputShape), [n, 2]);
      const dx = tf.grad((input: tf.Tensor) => LOSSES.cross_entropy(model.forward(input, false), target))(x);
      return tf.mean(tf.abs(dx), [0, 2]).dataSync() as Float32Array;
    });
    return { cell, seed, perStep: Array.from(perStep) };
  } finally {
    model.dispose();
  }
}

export interface RnnGradientsResult {
  steps: number;
  runs: StepGradients[];
}

/** Both cells, the same seed (data and initialisation), side by side. */
export function rnnVsLstm(opts: RnnGradientOptions = {}): RnnGradientsResult {
  return { steps: opts.steps ?? RNN_DEFAULTS.steps, runs: [stepGradients('rnn', opts), stepGradients('lstm', opts)] };
}

/**
 * The settings each interactive runs with, in one place the page, the worker and the tests
 * share (this file imports nothing heavy, so components can read it at build time).
 */

/** `gd-variants`: the lesson's line problem, plain SGD at 0.05, 5 epochs. */
export const GD_DEFAULTS = { batches: ['full', 1, 32] as Array<'full' | number>, n: 1000, epochs: 5, lr: 0.05, seed: 1 };

/** `learning-rate`: full-batch updates on the same line problem. */
export const LR_DEFAULTS = { steps: 25, n: 1000, seed: 1 };

/** `sgd-vs-adam`: the spiral spec of specs/spiral.dl, shortened to 60 epochs. */
export const ADAM_DEFAULTS = { lr: 0.01, epochs: 60, seed: 0 };
export const ADAM_LR_CHOICES = [0.001, 0.01, 0.1];

export interface SineSettings {
  n: number;
  epochs: number;
  batch: 'full' | number;
  lr: number;
  seed: number;
}

/** `no-activation`: the lesson's three layers on 200 points of sin(x). */
export const NO_ACTIVATION_DEFAULTS: SineSettings = { n: 200, epochs: 100, batch: 32, lr: 0.01, seed: 0 };

/** `growing-width`: the settings of specs/sine.dl. */
export const WIDTH_DEFAULTS: SineSettings = { n: 200, epochs: 300, batch: 32, lr: 0.01, seed: 0 };
/** The brief's widths, plus 3, which the lesson discusses. */
export const WIDTHS = [1, 2, 3, 4, 8, 32];

/** `rnn-lstm-gradients`: 40 steps of the delay task, 16 hidden units, 100 sequences. */
export const RNN_DEFAULTS = { steps: 40, hidden: 16, examples: 100, seed: 0 };
export const RNN_SEEDS = [0, 1, 2];

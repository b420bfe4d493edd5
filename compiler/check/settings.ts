/**
 * Training settings, losses and optimizers: their signatures, docs and defaults. A setting
 * left out of a `train` block takes the default given here; the defaults are part of the
 * language (docs/language.md lists them).
 */
import type { TrainGraph } from '../graph/types.ts';
import type { OptionSpec, Signature } from './item-args.ts';
import { LIMITS } from './limits.ts';

export type LossName = TrainGraph['loss'];
export type OptimizerName = 'sgd' | 'adam';

export const LOSSES: Record<LossName, { doc: string; torch: string }> = {
  mse: { doc: 'mean squared error, for numeric targets', torch: 'nn.MSELoss()' },
  bce: { doc: 'binary cross-entropy on probabilities (after sigmoid), output [1]', torch: 'nn.BCELoss()' },
  bce_logits: { doc: 'binary cross-entropy on raw scores, output [1]', torch: 'nn.BCEWithLogitsLoss()' },
  cross_entropy: { doc: 'softmax cross-entropy on raw scores and class indices, output [K]', torch: 'nn.CrossEntropyLoss()' },
};

const rate = (def: number): OptionSpec => ({
  kind: 'number', default: def, range: { min: 0, minOpen: true, max: 1e6, text: 'a number greater than 0' },
  doc: `learning rate (default ${def})`,
});
const weightDecay: OptionSpec = { kind: 'number', default: 0, range: { min: 0, text: '0 or more' }, doc: 'L2 penalty added to the gradient (default 0)' };
const unit = (def: number, doc: string): OptionSpec => ({ kind: 'number', default: def, range: { min: 0, max: 1, maxOpen: true, text: 'from 0 up to (not including) 1' }, doc });

export interface OptimizerInfo {
  doc: string;
  torch: string;
  sig: Signature;
  /** The range of learning rates that usually work; far outside it gets warning DL0705. */
  usualLr: [number, number];
}

export const OPTIMIZERS: Record<OptimizerName, OptimizerInfo> = {
  sgd: {
    doc: 'stochastic gradient descent, with optional momentum',
    torch: 'optim.SGD(params, lr, momentum, weight_decay=weight_decay)',
    usualLr: [1e-5, 1],
    sig: {
      owner: 'sgd', usage: 'optimizer sgd [lr=0.01] [momentum=0] [weight_decay=0]', example: 'optimizer sgd lr=0.1 momentum=0.9',
      positional: [],
      options: { lr: rate(0.01), momentum: unit(0, 'momentum (default 0)'), weight_decay: weightDecay },
    },
  },
  adam: {
    doc: 'Adam: per-parameter step sizes from running moments of the gradient',
    torch: 'optim.Adam(params, lr, betas=(beta1, beta2), eps=eps, weight_decay=weight_decay)',
    usualLr: [1e-6, 0.1],
    sig: {
      owner: 'adam', usage: 'optimizer adam [lr=0.001] [beta1=0.9] [beta2=0.999] [eps=1e-8] [weight_decay=0]', example: 'optimizer adam lr=0.001',
      positional: [],
      options: {
        lr: rate(0.001),
        beta1: unit(0.9, 'decay of the first moment (default 0.9)'),
        beta2: unit(0.999, 'decay of the second moment (default 0.999)'),
        eps: { kind: 'number', default: 1e-8, range: { min: 0, minOpen: true, text: 'greater than 0' }, doc: 'added to the denominator (default 1e-8)' },
        weight_decay: weightDecay,
      },
    },
  },
};

export type SettingName = 'loss' | 'optimizer' | 'batch' | 'epochs' | 'split' | 'validate' | 'stop_after' | 'standardize' | 'seed';

export interface SettingInfo {
  doc: string;
  /** The default, in words, for docs. */
  default: string;
  sig: Signature;
}

export const SETTINGS: Record<SettingName, SettingInfo> = {
  loss: {
    doc: 'the loss to minimise', default: 'cross_entropy for classes (bce_logits if the output is [1]); mse for numbers',
    sig: { owner: 'loss', usage: 'loss NAME', example: 'loss cross_entropy', positional: [{ key: 'name', kind: 'name', what: 'the name of a loss', required: true }], options: {} },
  },
  optimizer: {
    doc: 'how the parameters are updated', default: 'adam lr=0.001',
    sig: { owner: 'optimizer', usage: 'optimizer NAME [options]', example: 'optimizer adam lr=0.001', positional: [{ key: 'name', kind: 'name', what: 'the name of an optimizer', required: true }], options: {} },
  },
  batch: {
    doc: 'examples per gradient step: `full` (all), 1 (stochastic) or N (mini-batch)', default: '32',
    sig: { owner: 'batch', usage: 'batch full|N', example: 'batch 32', positional: [{ key: 'size', kind: 'batch', what: 'the batch size', required: true }], options: {} },
  },
  epochs: {
    doc: 'passes over the training set', default: '10',
    sig: {
      owner: 'epochs', usage: 'epochs N', example: 'epochs 100',
      positional: [{ key: 'n', kind: 'int', what: 'the number of epochs', required: true, range: { min: 1, max: LIMITS.epochs, text: 'from 1 to 1,000,000' } }],
      options: {},
    },
  },
  split: {
    doc: 'fraction of the examples held out for testing', default: '0.2',
    sig: {
      owner: 'split', usage: 'split F', example: 'split 0.2',
      positional: [{ key: 'f', kind: 'number', what: 'the test fraction', required: true, range: { min: 0, max: 1, maxOpen: true, text: 'from 0 up to (not including) 1' } }],
      options: {},
    },
  },
  validate: {
    doc: 'fraction of the examples held out for validation, drawn from what the test split leaves', default: '0 (none)',
    sig: {
      owner: 'validate', usage: 'validate F', example: 'validate 0.2',
      positional: [{ key: 'f', kind: 'number', what: 'the validation fraction', required: true, range: { min: 0, max: 1, maxOpen: true, text: 'from 0 up to (not including) 1' } }],
      options: {},
    },
  },
  stop_after: {
    doc: 'stop when the validation loss has not improved for N epochs, and keep the best weights', default: 'off',
    sig: {
      owner: 'stop_after', usage: 'stop_after N', example: 'stop_after 10',
      positional: [{ key: 'n', kind: 'int', what: 'the number of epochs without improvement', required: true, range: { min: 1, max: LIMITS.epochs, text: 'from 1 to 1,000,000' } }],
      options: {},
    },
  },
  standardize: {
    doc: "z-score each feature with the training set's mean and standard deviation", default: 'off',
    sig: { owner: 'standardize', usage: 'standardize', example: 'standardize', positional: [], options: {} },
  },
  seed: {
    doc: 'one seed for initialisation, split and shuffling', default: '0',
    sig: {
      owner: 'seed', usage: 'seed N', example: 'seed 42',
      positional: [{ key: 'n', kind: 'int', what: 'the seed', required: true, range: { min: 0, max: 4294967295, text: 'an integer from 0 to 4294967295' } }],
      options: {},
    },
  },
};

export const TRAIN_DEFAULTS = {
  optimizer: 'adam' as OptimizerName,
  batch: 32,
  epochs: 10,
  split: 0.2,
  validate: 0,
  standardize: false,
  seed: 0,
};

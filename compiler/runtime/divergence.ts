/**
 * When a run has diverged, and what the learner reads then. A loss that is NaN or
 * infinite has diverged; so has one that explodes: an epoch whose mean training loss is
 * more than EXPLOSION_FACTOR times the run's starting loss, the loss of the initial weights
 * on the first batch. (A learning rate far too large does this long before any overflow:
 * Adam at lr=1e6 takes iris's loss from 1.1 to 1e13, finite all the way.) No shipped spec
 * comes near it for seeds 0 to 19 (docs/language.md, "Divergence").
 */
import type { TrainGraph } from '../graph/types.ts';
import { fillTemplate, R_TRAIN } from '../diagnostics/messages.ts';

export const EXPLOSION_FACTOR = 1000;

export interface Divergence {
  code: string;
  message: string;
}

/** True when an epoch's loss is past EXPLOSION_FACTOR times the starting loss. */
export function explodes(epochLoss: number, startLoss: number): boolean {
  return Number.isFinite(startLoss) && startLoss > 0 && epochLoss > EXPLOSION_FACTOR * startLoss;
}

/** What to try instead, after either message (also in the exported program's, emit/py-divergence.ts). */
export function divergenceAdvice(block: TrainGraph): string {
  // A tenth, as a learner would write it: 0.7 / 10 is 0.06999999999999999 in binary floats.
  const lower = Number((block.optimizer.lr / 10).toPrecision(12));
  const t = [`a lower learning rate (lr=${lower})`];
  if (!block.standardize) t.push('`standardize` for the inputs');
  if (block.optimizer.name === 'sgd' && block.optimizer.momentum > 0) t.push('less momentum');
  t.push('fewer or smaller layers');
  return `Try ${t.join(', ')}.`;
}

/** The loss became NaN or infinite at this batch. */
export function notFinite(loss: number, epoch: number, batch: number, block: TrainGraph): Divergence {
  const args = { loss: String(loss), epoch, batch, optimizer: block.optimizer.name, lr: block.optimizer.lr };
  return { code: R_TRAIN.lossNotFinite.code, message: `${fillTemplate(R_TRAIN.lossNotFinite.template, args)}. ${divergenceAdvice(block)}` };
}

/** The epoch's loss exploded past EXPLOSION_FACTOR times the starting loss. */
export function exploded(loss: number, start: number, epoch: number, block: TrainGraph): Divergence {
  const args = { loss: loss.toPrecision(3), start: start.toPrecision(3), epoch, optimizer: block.optimizer.name, lr: block.optimizer.lr };
  return { code: R_TRAIN.lossExploded.code, message: `${fillTemplate(R_TRAIN.lossExploded.template, args)}. ${divergenceAdvice(block)}` };
}

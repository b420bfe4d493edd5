/**
 * A run's snapshot after an epoch, and resuming from one. Resuming restores everything the
 * next epochs read: the weights and buffers, the optimizer's steps and buffers, and the
 * generator's position (batch orders, dropout masks), and with early stopping the best
 * epoch so far with its weights. So a run resumed from epoch k gives, on the same backend,
 * the very numbers of the run that never stopped, and stops where it stopped.
 */
import type { EpochReport, StateDict, TrainSnapshot } from './api.ts';
import type { EarlyStopping } from './early-stop.ts';
import { RuntimeError } from './errors.ts';
import { R_RUN } from '../diagnostics/messages.ts';
import type { Model } from './model.ts';
import type { Optimizer } from './optimizers/index.ts';

/** The run as plain data after `epoch` (reads the weights back). */
export function takeSnapshot(
  epoch: number, model: Model, optimizer: Optimizer, history: EpochReport[], seconds: number, startLoss: number, stopper: EarlyStopping | null,
): TrainSnapshot {
  const snapshot: TrainSnapshot = { epoch, state: model.stateDict(), optimizer: optimizer.save(), rng: model.generator.save(), history: [...history], seconds, startLoss };
  // Copies: a snapshot's arrays may be transferred (postMessage), and the stopper keeps its own.
  if (stopper?.bestState) snapshot.best = { epoch: stopper.bestEpoch, state: copyState(stopper.bestState) };
  return snapshot;
}

function copyState(state: StateDict): StateDict {
  return Object.fromEntries(Object.entries(state).map(([name, t]) => [name, { ...t, shape: [...t.shape], data: t.data.slice() }]));
}

/** Puts a freshly built model and optimizer where the snapshot left them; the weights came in through the model's constructor. */
export function resumeFrom(snapshot: TrainSnapshot, model: Model, optimizer: Optimizer, epochs: number, stopper: EarlyStopping | null): void {
  if (!(Number.isInteger(snapshot.epoch) && snapshot.epoch >= 0 && snapshot.epoch <= epochs)) {
    throw new RuntimeError(R_RUN.resumeEpoch, { epoch: snapshot.epoch, epochs });
  }
  if (snapshot.history.length !== snapshot.epoch) {
    throw new RuntimeError(R_RUN.resumeHistory, { epoch: snapshot.epoch, reports: snapshot.history.length });
  }
  model.generator.restore(snapshot.rng);
  optimizer.restore(snapshot.optimizer);
  const best = snapshot.best;
  if (stopper !== null && best !== undefined) {
    if (!(Number.isInteger(best.epoch) && best.epoch >= 1 && best.epoch <= snapshot.epoch && typeof snapshot.history[best.epoch - 1].validationLoss === 'number')) {
      throw new RuntimeError(R_RUN.resumeBest, { epoch: snapshot.epoch, best: best.epoch });
    }
    // The weights' names and shapes are checked where they are loaded, at the end of the run.
    stopper.restore(snapshot.history, best);
  }
}

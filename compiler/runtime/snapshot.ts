/**
 * A run's snapshot after an epoch, and resuming from one. Resuming restores everything the
 * next epochs read: the weights and buffers, the optimizer's steps and buffers, and the
 * generator's position (batch orders, dropout masks). So a run resumed from epoch k gives,
 * on the same backend, the very numbers of the run that never stopped.
 */
import type { EpochReport, TrainSnapshot } from './api.ts';
import { RuntimeError } from './errors.ts';
import { R_RUN } from '../diagnostics/messages.ts';
import type { Model } from './model.ts';
import type { Optimizer } from './optimizers/index.ts';

/** The run as plain data after `epoch` (reads the weights back). */
export function takeSnapshot(epoch: number, model: Model, optimizer: Optimizer, history: EpochReport[], seconds: number, startLoss: number): TrainSnapshot {
  return { epoch, state: model.stateDict(), optimizer: optimizer.save(), rng: model.generator.save(), history: [...history], seconds, startLoss };
}

/** Puts a freshly built model and optimizer where the snapshot left them; the weights came in through the model's constructor. */
export function resumeFrom(snapshot: TrainSnapshot, model: Model, optimizer: Optimizer, epochs: number): void {
  if (!(Number.isInteger(snapshot.epoch) && snapshot.epoch >= 0 && snapshot.epoch <= epochs)) {
    throw new RuntimeError(R_RUN.resumeEpoch, { epoch: snapshot.epoch, epochs });
  }
  if (snapshot.history.length !== snapshot.epoch) {
    throw new RuntimeError(R_RUN.resumeHistory, { epoch: snapshot.epoch, reports: snapshot.history.length });
  }
  model.generator.restore(snapshot.rng);
  optimizer.restore(snapshot.optimizer);
}

/**
 * The fused training step (trainer.ts) for nets of its class (class.ts): train.ts asks for
 * one per run and falls back to the generic step when there is none.
 */
import type { NetGraph, TrainGraph } from '../../graph/types.ts';
import type { BackendName } from '../api.ts';
import type { Model } from '../model.ts';
import type { Optimizer } from '../optimizers/index.ts';
import { outsideFusedClass } from './class.ts';
import { FusedTrainer } from './trainer.ts';

export { outsideFusedClass, FUSED_OPS } from './class.ts';
export { FusedTrainer } from './trainer.ts';

/**
 * Whether runs may take the fused step. Benches and tests turn it off to time or check the
 * generic step on the same nets; nothing else should.
 */
export const fusedStep = { enabled: true };

/** A fused trainer for this run, or null when the net is outside the class (or fusing is off). */
export function fusedTrainer(net: NetGraph, block: TrainGraph, backend: BackendName, model: Model, optimizer: Optimizer): FusedTrainer | null {
  if (!fusedStep.enabled || outsideFusedClass(net, backend) !== null) return null;
  return new FusedTrainer(net, block, model, optimizer);
}

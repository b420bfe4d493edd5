/** The optimizer a train block names, with its resolved settings. */
import type { OptimizerSettings } from '../../graph/types.ts';
import { adam } from './adam.ts';
import type { Optimizer } from './optimizer.ts';
import { sgd } from './sgd.ts';

export type { Optimizer } from './optimizer.ts';

export const OPTIMIZERS: Record<OptimizerSettings['name'], (s: OptimizerSettings) => Optimizer> = {
  sgd,
  adam,
};

export function createOptimizer(settings: OptimizerSettings): Optimizer {
  return OPTIMIZERS[settings.name](settings);
}

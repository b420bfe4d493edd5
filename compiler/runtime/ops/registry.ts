/**
 * Every op kind's implementation, in one table keyed by OpKind (so a missing kernel does not
 * type-check): a new op goes in its family's module; a new family adds one spread here.
 */
import type { OpKind } from '../../graph/types.ts';
import type { OpImpl } from './op.ts';
import { activationOps } from './activations.ts';
import { batchnormOps } from './batchnorm.ts';
import { convOps } from './conv.ts';
import { dropoutOps } from './dropout.ts';
import { linearOps } from './linear.ts';
import { poolOps } from './pool.ts';
import { recurrentOps } from './recurrent.ts';
import { reshapeOps } from './reshape.ts';

export const OPS: Record<OpKind, OpImpl> = {
  ...linearOps,
  ...convOps,
  ...poolOps,
  ...reshapeOps,
  ...activationOps,
  ...dropoutOps,
  ...batchnormOps,
  ...recurrentOps,
};

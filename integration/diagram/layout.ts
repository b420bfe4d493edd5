/**
 * Chooses how to draw a net: unit by unit when it is small enough to count, otherwise one
 * block per layer.
 */
import type { NetGraph } from '../../compiler/index.ts';
import { layoutBlocks } from './blocks.ts';
import type { NetDiagram } from './types.ts';
import { fitsUnits, layoutUnits } from './units.ts';

/**
 * @example
 * layoutNet(xor).kind    // 'units': 2 inputs, 8 hidden, 1 output
 * layoutNet(digits).kind // 'blocks': convolutions are drawn as blocks
 */
export function layoutNet(net: NetGraph): NetDiagram {
  return fitsUnits(net) ? layoutUnits(net) : layoutBlocks(net);
}

/**
 * Batch norm over features cannot train on a batch of one example (PyTorch raises "Expected
 * more than 1 value per channel"). One rule for the checker (check/check-run.ts, before
 * training) and the runtime (runtime/train.ts, on the split it really made), so `dlc check`
 * refuses exactly what `dlc train` refuses.
 */
import type { NetGraph } from './types.ts';

/**
 * The first batchnorm layer that would see a batch of one example when `examples` training
 * examples are cut into batches of `batch` (`'full'`: one batch of all of them), and which
 * batch that is; null when every batch holds two or more.
 *
 * @example singleExampleBatch(net, 121, 10) // { layer: 2, why: 'the last batch of each epoch (121 examples in batches of 10)' }
 */
export function singleExampleBatch(net: NetGraph, examples: number, batch: number | 'full'): { layer: number; why: string } | null {
  const bn = net.nodes.find((node) => node.op === 'batchnorm' && node.inShape.length === 1);
  if (bn === undefined) return null;
  const size = batch === 'full' ? examples : Math.min(batch, examples);
  if (size < 2) return { layer: bn.index, why: `batch ${size}` };
  if (examples % size === 1) return { layer: bn.index, why: `the last batch of each epoch (${examples} examples in batches of ${size})` };
  return null;
}

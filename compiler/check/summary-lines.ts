/**
 * The text lines `dlc summary` prints for a train block, shared with the playground's summary
 * in the browser so the two cannot drift apart: the block with every setting resolved, and
 * the run's estimated cost (check/estimate.ts) when the dataset's size is known.
 */
import type { NetGraph, TrainGraph } from '../graph/types.ts';
import { datasetExamples } from './check-run.ts';
import { shown } from '../diagnostics/display.ts';
import { estimateRun, estimateText, THRESHOLDS } from './estimate.ts';

/**
 * A train block with every default filled in.
 *
 * @example trainSummary(graph.trains[0]) // 'train Iris on iris: loss cross_entropy, optimizer adam lr=0.001, batch full, epochs 100, split 0.2, standardize, seed 42'
 */
export function trainSummary(t: TrainGraph): string {
  const opts = Object.entries(t.dataset.options).map(([k, v]) => ` ${k}=${typeof v === 'string' ? shown(JSON.stringify(v)) : v}`).join('');
  const o = t.optimizer;
  const optimizer = o.name === 'sgd' ? `sgd lr=${o.lr} momentum=${o.momentum}` : `adam lr=${o.lr}`;
  const held = `split ${t.split}${t.validate ? `, validate ${t.validate}` : ''}`;
  return `train ${t.net} on ${t.dataset.name}${opts}: loss ${t.loss}, optimizer ${optimizer}, batch ${t.batch}, ` +
    `epochs ${t.epochs}${t.stopAfter !== undefined ? `, stop_after ${t.stopAfter}` : ''}, ${held}${t.standardize ? ', standardize' : ''}, seed ${t.seed}`;
}

/** The run's estimated memory and time per epoch, or null when only reading the data would tell its size. */
export function estimateSummary(t: TrainGraph, net: NetGraph | undefined): string | null {
  const examples = datasetExamples(t);
  if (!net || examples === null) return null;
  const gb = THRESHOLDS.bytes / 1024 ** 3;
  return `  estimated: ${estimateText(estimateRun(net, t, examples))} on ${examples.toLocaleString('en-US')} examples (dlc check warns past ${gb} GB or ${THRESHOLDS.seconds} s)`;
}

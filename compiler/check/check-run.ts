/**
 * What `dlc train` would refuse or struggle with, found by the checker: a split that leaves
 * no training examples, batchnorm on a batch of one (the same rules as runtime/data.ts
 * `splitDataset`, and graph/single-example-batch.ts, which runtime/train.ts applies too),
 * and a run whose estimated memory or time per epoch is past the thresholds
 * (check/estimate.ts). Needs the number of examples: known for the built-in datasets, not
 * for a csv file.
 */
import type { NetGraph, TrainGraph } from '../graph/types.ts';
import type { TrainDecl } from '../syntax/ast.ts';
import { singleExampleBatch } from '../graph/single-example-batch.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { datasetInfo } from '../graph/datasets.ts';
import { estimateRun, estimateText, THRESHOLDS } from './estimate.ts';
import { diag, M } from '../diagnostics/messages.ts';

/** Examples of the train block's dataset, or null when only reading the data would tell. */
export function datasetExamples(t: TrainGraph): number | null {
  const info = datasetInfo(t.dataset.name);
  if (info?.examples != null) return info.examples;
  return typeof t.dataset.options.n === 'number' ? t.dataset.options.n : null;
}

export function checkRun(decl: TrainDecl, t: TrainGraph, net: NetGraph, report: (d: Diagnostic) => void): void {
  const n = datasetExamples(t);
  if (n === null) return;
  const span = (name: string) => decl.items.find((i) => i.name.text === name)?.span ?? decl.span;
  const nTest = t.split > 0 ? Math.ceil(t.split * n) : 0;
  if (nTest >= n && t.split > 0) {
    report(diag(M.splitLeavesNone, span('split'), t.split, n, nTest));
    return;
  }
  // The validation rows come out of what the test split leaves (runtime/data.ts holdOut).
  const nTrain = n - nTest - (t.validate ? Math.ceil(t.validate * n) : 0);
  const single = nTrain > 0 ? singleExampleBatch(net, nTrain, t.batch) : null;
  if (single) report(diag(M.batchnormSingle, span('batch'), single.layer, single.why));
  const e = estimateRun(net, t, n);
  const over = [
    e.bytes > THRESHOLDS.bytes ? 'past the 1 GB memory threshold' : '',
    e.secondsPerEpoch > THRESHOLDS.seconds ? `past the ${THRESHOLDS.seconds} s per epoch threshold` : '',
  ].filter(Boolean);
  if (over.length) report(diag(M.expensiveRun, net.span, net.name, estimateText(e), over.join(' and ')));
}

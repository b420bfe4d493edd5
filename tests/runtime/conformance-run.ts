/**
 * A reference case of kind `run` (tests/runtime/reference/early-stopping.py): a whole spec
 * run by PyTorch from its seed, with a validation split and early stopping. dlc runs the
 * same spec through train() and must hold the same rows in each set, report the same
 * metrics every epoch, stop at the same epoch and restore the same best weights.
 * Browser-safe, like conformance-check.ts, which calls it.
 */
import { compile } from '../../compiler/index.ts';
import type { BackendName, Dataset } from '../../compiler/runtime/api.ts';
import { holdOut, splitDataset } from '../../compiler/runtime/data.ts';
import { Model } from '../../compiler/runtime/model.ts';
import { train } from '../../compiler/runtime/train.ts';
import type { Check, RefCase, RefTensor } from './conformance-check.ts';

interface RunExpect {
  rows: { train: number[]; validation: number[]; test: number[] };
  history: Array<{
    train_loss: number; train_accuracy: number | null; val_loss: number; val_accuracy: number | null;
    test_loss: number | null; test_accuracy: number | null;
  }>;
  epochs_run: number;
  best_epoch: number;
  stopped_early: boolean;
  state: Record<string, RefTensor>;
}

type Compare = (what: string, got: ArrayLike<number>, want: number[], rtol: number, atol: number) => Check;
type Exact = (what: string, ok: boolean, fail: string) => Check;

/** The row numbers each set holds, drawn by the runtime from a data set of row numbers. */
function rowsOf(n: number, block: { split: number; validate?: number; seed: number }) {
  const index: Dataset = {
    name: 'rows', x: Float32Array.from({ length: n }, (_, i) => i), y: new Int32Array(n), n,
    exampleShape: [1], target: { kind: 'classes', classes: 2 },
  };
  const sets = holdOut(splitDataset(index, block.split, block.seed), block.validate ?? 0, block.seed);
  const rows = (d: Dataset | null) => (d === null ? [] : Array.from(d.x));
  return { train: rows(sets.train), validation: rows(sets.validation), test: rows(sets.test) };
}

export async function runSpecRun(c: RefCase, backend: BackendName, compare: Compare, exact: Exact): Promise<Check[]> {
  const { graph, diagnostics } = compile(c.spec);
  if (graph === null) throw new Error(`${c.name}: the spec does not compile: ${diagnostics.map((d) => d.message).join('; ')}`);
  const block = graph.trains[0];
  const want = c.expect as unknown as RunExpect;
  const tol = c.tolerance;
  const n = want.rows.train.length + want.rows.validation.length + want.rows.test.length;
  const rows = rowsOf(n, block);
  // The seeded initial weights, before anything else draws from the generator.
  const model = new Model(graph.nets.find((net) => net.name === block.net)!, { seed: block.seed });
  const initial = model.stateDict();
  model.dispose();
  const result = await train(graph, { backend });
  const h = result.history;
  const series = (key: keyof RunExpect['history'][number]) => want.history.map((e) => e[key] as number);
  const checks: Check[] = [
    exact('backend', result.backend === backend, `ran on ${result.backend}`),
    exact('rows of each set', JSON.stringify(rows) === JSON.stringify(want.rows), `train/validation/test rows differ: ${JSON.stringify(rows).slice(0, 200)}`),
    compare('first loss', h.slice(0, 1).map((e) => e.trainLoss), series('train_loss').slice(0, 1), tol.loss_rtol, 0),
    exact('epochs run', h.length === want.epochs_run, `${h.length} epochs (${result.stopped}), want ${want.epochs_run}`),
    exact('best epoch', result.bestEpoch === want.best_epoch, `${result.bestEpoch}, want ${want.best_epoch}`),
    exact('stopped early', result.stoppedEarly === want.stopped_early, `${result.stoppedEarly}, want ${want.stopped_early}`),
  ];
  if (h.length === want.epochs_run) {
    checks.push(
      compare('train losses', h.map((e) => e.trainLoss), series('train_loss'), tol.loss_rtol, 0),
      compare('validation losses', h.map((e) => e.validationLoss ?? NaN), series('val_loss'), tol.loss_rtol, 0),
      compare('test losses', h.map((e) => e.testLoss ?? NaN), series('test_loss'), tol.loss_rtol, 0),
      compare('validation accuracies', h.map((e) => e.validationAccuracy ?? NaN), series('val_accuracy'), 0, 1e-5),
      compare('test accuracies', h.map((e) => e.testAccuracy ?? NaN), series('test_accuracy'), 0, 1e-5),
    );
  }
  const best = want.history[want.best_epoch - 1];
  checks.push(compare('final is the best epoch', [result.final?.validationLoss ?? NaN, result.final?.testLoss ?? NaN],
    [best.val_loss, best.test_loss ?? NaN], tol.loss_rtol, 0));
  for (const [name, t] of Object.entries(c.params)) {
    checks.push(compare(`initial ${name}`, initial[name]?.data ?? [], t.data, 1e-6, 1e-7));
  }
  for (const [name, t] of Object.entries(want.state)) {
    const got = result.state[name];
    checks.push(got ? compare(`restored ${name}`, got.data, t.data, tol.param_rtol, tol.param_atol) : exact(`restored ${name}`, false, 'missing'));
  }
  return checks;
}

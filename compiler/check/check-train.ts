/**
 * Checks one `train` declaration: the net and dataset it names, the dataset's options,
 * every setting (with defaults for those left out), and whether dataset, net and loss fit
 * together. Returns the resolved train block, or null when it has an error.
 */
import { checkRun } from './check-run.ts';
import type { DatasetRef, Shape, Span, TargetKind, TrainGraph } from '../graph/types.ts';
import type { Item, TrainDecl } from '../syntax/ast.ts';
import type { Report } from './args.ts';
import type { CheckedNet } from './check-net.ts';
import { checkHoldout } from './check-holdout.ts';
import { typeCsv } from './csv.ts';
import { DatasetError } from '../runtime/datasets/errors.ts';
import { DATASET_NAMES, datasetInfo } from '../graph/datasets.ts';
import type { ArgValues } from './item-args.ts';
import { readArgs } from './item-args.ts';
import { LAYERS } from './layers.ts';
import { diag, M } from '../diagnostics/messages.ts';
import type { LossName, OptimizerName, SettingName } from './settings.ts';
import { LOSSES, OPTIMIZERS, SETTINGS, TRAIN_DEFAULTS } from './settings.ts';
import { suggest } from './suggest.ts';

export interface TrainContext {
  nets: Map<string, CheckedNet>;
  readFile?: (path: string) => string | undefined;
}

interface Settings {
  loss?: { name: LossName; item: Item };
  optimizer?: { name: OptimizerName; values: ArgValues; item: Item };
  batch?: number | 'full';
  epochs?: number;
  split?: number;
  validate?: number;
  stopAfter?: number;
  /** Where each setting was written, for diagnostics that span settings. */
  items: Partial<Record<SettingName, Item>>;
  standardize?: boolean;
  seed?: number;
}

function readSettings(items: Item[], report: Report): Settings {
  const settings: Settings = { items: {} };
  const seen = new Map<string, number>();
  for (const item of items) {
    const name = item.name.text;
    if (item.equals) {
      report(diag(M.equalsAfterName, item.span, name, item.equals.text));
      continue;
    }
    if (!Object.hasOwn(SETTINGS, name)) {
      report(diag(M.unknownSetting, item.name.span, name, suggest(name, Object.keys(SETTINGS))));
      continue;
    }
    const line = seen.get(name);
    if (line !== undefined) {
      report(diag(M.duplicate, item.span, `the setting \`${name}\``, line));
      continue;
    }
    seen.set(name, item.span.line);
    const setting = name as SettingName;
    if (setting === 'optimizer') {
      const [first, ...rest] = item.args;
      if (!first || first.kind !== 'ident') {
        if (first) report(diag(M.wrongArgType, first.span, 'the optimizer', 'a name such as `adam` or `sgd`', first.text));
        else report(diag(M.missingArg, item.span, 'optimizer', 'the name of an optimizer', SETTINGS.optimizer.sig.example));
        continue;
      }
      if (!Object.hasOwn(OPTIMIZERS, first.text)) {
        report(diag(M.unknownOptimizer, first.span, first.text, suggest(first.text, Object.keys(OPTIMIZERS))));
        continue;
      }
      const optimizer = first.text as OptimizerName;
      const values = readArgs(rest, OPTIMIZERS[optimizer].sig, report, item);
      if (values) settings.optimizer = { name: optimizer, values, item };
      continue;
    }
    const values = readArgs(item.args, SETTINGS[setting].sig, report, item);
    if (!values) continue;
    settings.items[setting] = item;
    switch (setting) {
      case 'loss': {
        const lossName = values.name as string;
        if (!Object.hasOwn(LOSSES, lossName)) {
          report(diag(M.unknownLoss, item.args[0]!.span, lossName, suggest(lossName, Object.keys(LOSSES))));
        } else {
          settings.loss = { name: lossName as LossName, item };
        }
        break;
      }
      case 'batch':
        settings.batch = values.size === 0 ? 'full' : (values.size as number);
        break;
      case 'epochs':
        settings.epochs = values.n as number;
        break;
      case 'split':
        settings.split = values.f as number;
        break;
      case 'validate':
        settings.validate = values.f as number;
        break;
      case 'stop_after':
        settings.stopAfter = values.n as number;
        break;
      case 'standardize':
        settings.standardize = true;
        break;
      case 'seed':
        settings.seed = values.n as number;
        break;
    }
  }
  return settings;
}

function readDataset(decl: TrainDecl, ctx: TrainContext, report: Report): DatasetRef | null {
  const name = decl.dataset.text;
  const info = datasetInfo(name);
  if (!info) {
    report(diag(M.unknownDataset, decl.dataset.span, name, suggest(name, [...DATASET_NAMES])));
    return null;
  }
  const values = readArgs(decl.options, { owner: name, usage: `on ${name}`, example: `on ${name}`, positional: [], options: info.options }, report, decl.dataset);
  if (!values) return null;
  const options: Record<string, number | string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value !== null && value !== undefined) options[key] = value as number | string;
  }
  if (name !== 'csv') {
    return { name, options, exampleShape: info.exampleShape(options), target: info.target(options) };
  }

  if (options.file === undefined) {
    report(diag(M.missingOption, decl.dataset.span, 'csv', 'file', 'train Net on csv file="data/flowers.csv" target=species < ... >'));
    return null;
  }
  const file = options.file as string;
  const fileSpan = decl.options.find((o) => o.key.text === 'file')!.value.span;
  const ref: DatasetRef = { name, options: { file, target: (options.target as string | undefined) ?? '' }, exampleShape: null, target: null };
  if (!ctx.readFile) {
    if (options.target === undefined) delete ref.options.target;
    return ref;
  }
  let text: string | undefined;
  try {
    text = ctx.readFile(file);
  } catch (e) {
    // A reader may refuse the bytes (not UTF-8) with the line: the same words as train's.
    if (!(e instanceof DatasetError)) throw e;
    report(diag(M.csvBad, fileSpan, file, e.message.startsWith(`${file} `) ? e.message.slice(file.length + 1) : e.message));
    return null;
  }
  if (text === undefined) {
    report(diag(M.csvUnreadable, fileSpan, file));
    return null;
  }
  const typed = typeCsv(text, file, (options.target as string | undefined) ?? null);
  if (!typed.ok) {
    if (typed.problem === 'no-target') {
      const targetSpan = decl.options.find((o) => o.key.text === 'target')?.value.span ?? fileSpan;
      report(diag(M.csvNoTarget, targetSpan, typed.column, file, typed.columns, suggest(typed.column, typed.columns)));
    } else {
      report(diag(M.csvBad, fileSpan, file, typed.message));
    }
    return null;
  }
  ref.options.target = typed.targetColumn;
  ref.exampleShape = typed.exampleShape;
  ref.target = typed.target;
  return ref;
}

function defaultLoss(target: TargetKind | null, output: Shape | null): LossName {
  if (target?.kind === 'regression') return 'mse';
  const size = output?.length === 1 ? output[0]! : null;
  if (target?.kind === 'classes') return target.classes === 2 && size === 1 ? 'bce_logits' : 'cross_entropy';
  return size !== null && size > 1 ? 'cross_entropy' : 'mse';
}

/** "write `linear 16->3`": the net's last layer with its output size replaced, if it is a linear. */
function outputFix(net: CheckedNet, size: number, fallback: string): string {
  const nodes = net.graph!.nodes;
  let k = nodes.length - 1;
  while (k > 0 && LAYERS[nodes[k]!.op].afterOutput) k--;
  const node = nodes[k]!;
  if (node.op !== 'linear') return fallback;
  const item = net.layers[node.index]!.item;
  const arrow = item.args.find((a) => a.kind === 'arrow');
  const written = [item.name.text, ...item.args.map((a) => (a === arrow ? `${node.attrs.in}->${size}` : a.text))].join(' ');
  return `write \`${written}\``;
}

function checkFit(decl: TrainDecl, net: CheckedNet, data: DatasetRef, loss: LossName, lossSpan: Span, report: Report): void {
  const graph = net.graph!;
  const example = data.exampleShape;
  if (example && (example.length !== graph.inputShape.length || example.some((d, i) => d !== graph.inputShape[i]))) {
    const first = net.layers[0]!;
    let fix: string;
    if (net.decl.items[0]?.name.text === 'input') fix = `write \`input ${example.join('x')}\``;
    else if (first.rule?.op === 'linear' && example.length === 1) {
      const written = [first.item.name.text, ...first.item.args.map((a) => (a.kind === 'arrow' ? `${example[0]}->${first.attrs!.out}` : a.text))].join(' ');
      fix = `\`${data.name}\` gives ${example[0]} features; write \`${written}\``;
    } else fix = `declare the input: \`input ${example.join('x')}\``;
    report(diag(M.exampleShapeMismatch, decl.dataset.span, data.name, example, graph.name, graph.inputShape, fix));
    return;
  }
  const out = graph.outputShape;
  if (out.length !== 1) {
    const fix = out.length === 2 ? 'add `last` to keep the last step, then a `linear` layer' : 'add `flatten` and a `linear` layer';
    report(diag(M.outputNotVector, decl.net.span, graph.name, out, fix));
    return;
  }
  const target = data.target;
  if (!target) return;
  if (target.kind === 'regression') {
    if (loss !== 'mse') {
      report(diag(M.lossTarget, lossSpan, loss, data.name, 'use `loss mse` for numeric targets'));
    } else if (out[0] !== target.size) {
      report(diag(M.regressionSizeMismatch, decl.net.span, data.name, target.size, graph.name, out,
        outputFix(net, target.size, `end the net with a layer of ${target.size} output${target.size === 1 ? '' : 's'}`)));
    }
    return;
  }
  const k = target.classes;
  if (loss === 'cross_entropy' && out[0] !== k) {
    let fix = outputFix(net, k, `end the net with \`linear N->${k}\``);
    if (k === 2 && out[0] === 1) fix += ', or use `loss bce_logits` for an output of [1]';
    report(diag(M.classCountMismatch, decl.net.span, data.name, k, graph.name, out, fix));
  } else if (loss === 'bce' || loss === 'bce_logits') {
    if (k !== 2) {
      report(diag(M.binaryLoss, lossSpan, loss, `needs 2 classes, but dataset \`${data.name}\` has ${k}`, `use \`loss cross_entropy\` with an output of [${k}]`));
    } else if (out[0] !== 1) {
      report(diag(M.binaryLoss, lossSpan, loss, `needs an output of [1], but net \`${graph.name}\` outputs [${out[0]}]`,
        `${outputFix(net, 1, 'end the net with `linear N->1`')}, or use \`loss cross_entropy\``));
    }
  }
}

export function checkTrain(decl: TrainDecl, ctx: TrainContext, report: Report): TrainGraph | null {
  let errors = 0;
  const note: Report = (d) => {
    if (d.severity === 'error') errors++;
    report(d);
  };
  const net = ctx.nets.get(decl.net.text);
  if (!net) note(diag(M.unknownNet, decl.net.span, decl.net.text, suggest(decl.net.text, ctx.nets.keys())));
  const data = readDataset(decl, ctx, note);
  const settings = readSettings(decl.items, note);

  const output = net?.graph?.outputShape ?? null;
  const loss = settings.loss?.name ?? defaultLoss(data?.target ?? null, output);
  const lossSpan = settings.loss?.item.span ?? decl.net.span;
  const optimizerName = settings.optimizer?.name ?? TRAIN_DEFAULTS.optimizer;
  // readArgs fills in the defaults of options left out; with no optimizer setting, take them all.
  const values: ArgValues = settings.optimizer?.values
    ?? Object.fromEntries(Object.entries(OPTIMIZERS[optimizerName].sig.options).map(([k, spec]) => [k, spec.default]));
  const opt = (key: string) => values[key] as number;

  if (net?.graph && data) checkFit(decl, net, data, loss, lossSpan, note);
  const epochs = settings.epochs ?? TRAIN_DEFAULTS.epochs;
  const split = settings.split ?? TRAIN_DEFAULTS.split;
  const validate = settings.validate ?? TRAIN_DEFAULTS.validate;
  checkHoldout({
    split, validate, stopAfter: settings.stopAfter, epochs,
    validateItem: settings.items.validate, stopAfterItem: settings.items.stop_after, epochsItem: settings.items.epochs,
  }, data, note);

  // Teaching warnings that need the loss.
  const last = net?.graph?.nodes[net.graph.nodes.length - 1];
  if (last?.op === 'softmax' && loss === 'cross_entropy') note(diag(M.softmaxBeforeCrossEntropy, last.span));
  if (last?.op === 'sigmoid' && loss === 'bce_logits') note(diag(M.sigmoidBeforeBceLogits, last.span));
  if (last && last.op !== 'sigmoid' && loss === 'bce' && settings.loss) note(diag(M.bceWithoutSigmoid, settings.loss.item.span, net!.graph!.name));
  if (loss === 'mse' && data?.target?.kind === 'classes' && settings.loss) note(diag(M.mseOnClasses, settings.loss.item.span, data.name));
  if (settings.optimizer) {
    const lr = opt('lr');
    const [low, high] = OPTIMIZERS[optimizerName].usualLr;
    if (lr < low || lr > high) {
      const lrArg = settings.optimizer.item.args.find((a) => a.kind === 'option' && a.key.text === 'lr');
      note(diag(M.unusualLr, (lrArg ?? settings.optimizer.item).span, optimizerName, lrArg && lrArg.kind === 'option' ? lrArg.value.text : String(lr), low, high));
    }
  }

  if (errors > 0 || !net?.graph || !data) return null;
  const result: TrainGraph = {
    net: decl.net.text,
    dataset: data,
    loss,
    optimizer: {
      name: optimizerName,
      lr: opt('lr'),
      momentum: optimizerName === 'sgd' ? opt('momentum') : 0,
      weightDecay: opt('weight_decay'),
      beta1: optimizerName === 'adam' ? opt('beta1') : 0.9,
      beta2: optimizerName === 'adam' ? opt('beta2') : 0.999,
      eps: optimizerName === 'adam' ? opt('eps') : 1e-8,
    },
    batch: settings.batch ?? TRAIN_DEFAULTS.batch,
    epochs,
    split,
    // Optional in the graph: left out when not written, so graphs without them are unchanged.
    ...(validate > 0 ? { validate } : {}),
    ...(settings.stopAfter !== undefined ? { stopAfter: settings.stopAfter } : {}),
    standardize: settings.standardize ?? TRAIN_DEFAULTS.standardize,
    seed: settings.seed ?? TRAIN_DEFAULTS.seed,
    span: decl.span,
  };
  // What training would refuse, and a cost estimate: check/check-run.ts.
  let refused = 0;
  checkRun(decl, result, net.graph, (d) => {
    if (d.severity === 'error') refused++;
    report(d);
  });
  return refused > 0 ? null : result;
}


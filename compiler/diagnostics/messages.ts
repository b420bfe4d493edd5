/**
 * The catalogue of every diagnostic the compiler can give. Codes are stable: a code is
 * never reused for a different problem, so docs, tests and users can refer to it. Each
 * entry builds its message (what was expected, what was found) and its help (what to write).
 */
import type { Span } from '../graph/types.ts';
import type { Diagnostic, Severity } from './diagnostic.ts';

export interface Text {
  message: string;
  help?: string;
}

export interface MessageDef<A extends unknown[]> {
  code: string;
  severity: Severity;
  /** One line for the docs' table of codes. */
  summary: string;
  make: (...args: A) => Text;
}

function def<A extends unknown[]>(code: string, severity: Severity, summary: string, make: (...args: A) => Text): MessageDef<A> {
  return { code, severity, summary, make };
}

/** Builds a diagnostic from a catalogue entry. */
export function diag<A extends unknown[]>(m: MessageDef<A>, span: Span, ...args: A): Diagnostic {
  const { message, help } = m.make(...args);
  const d: Diagnostic = {
    code: m.code, severity: m.severity, message,
    line: span.line, column: span.column, endLine: span.endLine, endColumn: span.endColumn,
  };
  if (help !== undefined) d.help = help;
  return d;
}

const q = (s: string | number) => `\`${s}\``;
export const shapeText = (s: readonly number[]) => `[${s.join(',')}]`;
const small = (x: number) => (x < 1e-3 ? x.toExponential() : String(x));
const didYouMean = (s: string | undefined) => (s === undefined ? undefined : `did you mean ${q(s)}?`);

/** What a stray character usually means, for the help of DL0101. */
const CHAR_HELP: Record<string, string> = {
  ',': 'items are separated by `;`, as in `linear 4->32; relu`',
  '{': 'a body goes between `<` and `>`, as in `net Iris < linear 4->3 >`',
  '}': 'a body goes between `<` and `>`, as in `net Iris < linear 4->3 >`',
  '(': 'options follow the name as `key=value`, without parentheses: `optimizer adam lr=0.01`',
  ')': 'options follow the name as `key=value`, without parentheses: `optimizer adam lr=0.01`',
  ':': 'a setting is followed by its value after a space: `loss mse`',
  "'": 'strings use double quotes: `file="data.csv"`',
};

export const M = {
  // Input: the file as a whole.
  invalidUtf8: def('DL0001', 'error', 'the file is not valid UTF-8 text', () => ({
    message: 'this file is not valid UTF-8 text',
    help: 'a spec is a text file; save it as UTF-8',
  })),
  binaryFile: def('DL0002', 'error', 'the file contains NUL bytes: it is binary, not a spec', () => ({
    message: 'this file contains NUL bytes: it looks binary, not like a spec',
    help: 'check the file name: a spec is a `.dl` text file',
  })),
  fileTooLarge: def('DL0003', 'error', 'the file is larger than the 1 MB limit', (bytes: number, limit: number) => ({
    message: `this file is ${bytes} bytes; specs are limited to ${limit} bytes (1 MB)`,
    help: 'a spec describes a net, not its data: keep data in a csv file',
  })),

  // Syntax.
  unexpectedChar: def('DL0101', 'error', 'a character that no token starts with', (ch: string) => ({
    message: `unexpected character ${q(ch)}`,
    help: CHAR_HELP[ch] ?? 'names are letters, digits and `_`; punctuation is `<` `>` `;` `->` `=`; comments start with `#`',
  })),
  unterminatedString: def('DL0102', 'error', 'a string without its closing quote', () => ({
    message: 'this string has no closing `"` on its line',
    help: 'close the string with `"`',
  })),
  expectedToken: def('DL0103', 'error', 'the parser expected one token and found another', (expected: string, found: string) => ({
    message: `expected ${expected} but found ${found}`,
  })),
  expectedDecl: def('DL0104', 'error', 'something other than `net` or `train` at the top level', (found: string) => ({
    message: `expected \`net\` or \`train\` but found ${found}`,
    help: 'a file holds `net Name < ... >` and `train Name on dataset < ... >` declarations',
  })),

  // Names.
  unknownLayer: def('DL0201', 'error', 'an unknown layer name', (name: string, suggestion?: string) => ({
    message: `unknown layer ${q(name)}`,
    help: didYouMean(suggestion) ?? 'see `docs/language.md` for the layers',
  })),
  unknownSetting: def('DL0202', 'error', 'an unknown training setting', (name: string, suggestion?: string) => ({
    message: `unknown training setting ${q(name)}`,
    help: didYouMean(suggestion) ?? 'settings are loss, optimizer, batch, epochs, split, standardize, seed',
  })),
  unknownLoss: def('DL0203', 'error', 'an unknown loss', (name: string, suggestion?: string) => ({
    message: `unknown loss ${q(name)}`,
    help: didYouMean(suggestion) ?? 'losses are mse, bce, bce_logits, cross_entropy',
  })),
  unknownOptimizer: def('DL0204', 'error', 'an unknown optimizer', (name: string, suggestion?: string) => ({
    message: `unknown optimizer ${q(name)}`,
    help: didYouMean(suggestion) ?? 'optimizers are sgd and adam',
  })),
  unknownDataset: def('DL0205', 'error', 'an unknown dataset', (name: string, suggestion?: string) => ({
    message: `unknown dataset ${q(name)}`,
    help: didYouMean(suggestion) ?? 'datasets are iris, digits, xor, circles, gauss, spiral, sine, delay and csv',
  })),
  unknownOption: def('DL0206', 'error', 'an option the layer, optimizer or dataset does not take', (name: string, owner: string, known: string[], suggestion?: string) => ({
    message: `${q(owner)} has no option ${q(name)}`,
    help: didYouMean(suggestion) ?? (known.length ? `its options are ${known.map(q).join(', ')}` : `${q(owner)} takes no options`),
  })),
  duplicateNet: def('DL0207', 'error', 'two nets with one name', (name: string, line: number) => ({
    message: `a net named ${q(name)} is already declared on line ${line}`,
    help: 'give each net its own name',
  })),
  unknownNet: def('DL0208', 'error', 'a `train` that names a net the file does not declare', (name: string, suggestion?: string) => ({
    message: `\`train\` names ${q(name)}, but no net of that name is declared in this file`,
    help: didYouMean(suggestion) ?? `declare it first: \`net ${name} < ... >\``,
  })),
  duplicate: def('DL0209', 'error', 'a setting or option given twice', (what: string, line: number) => ({
    message: `${what} is already given on line ${line}`,
    help: 'give it once',
  })),
  misplacedInput: def('DL0210', 'error', '`input` after the first layer, or twice', () => ({
    message: '`input` must be the first item of a net, and appear once',
    help: 'move `input` to the start of the net',
  })),

  // Arguments and values.
  missingArg: def('DL0301', 'error', 'a layer or setting without an argument it needs', (owner: string, expected: string, example: string) => ({
    message: `${q(owner)} needs ${expected}`,
    help: `for example: \`${example}\``,
  })),
  extraArg: def('DL0302', 'error', 'an argument that a layer or setting does not take', (owner: string, found: string, signature: string) => ({
    message: `${q(owner)} does not take the argument ${q(found)}`,
    help: `write \`${signature}\`${/^[A-Za-z_]/.test(found) ? `; is a \`;\` missing before ${q(found)}?` : ''}`,
  })),
  wrongArgType: def('DL0303', 'error', 'an argument of the wrong kind, e.g. a decimal where an integer goes', (what: string, expected: string, found: string) => ({
    message: `${what} must be ${expected}, found ${q(found)}`,
  })),
  outOfRange: def('DL0304', 'error', 'a value outside its allowed range, e.g. `dropout 1.5` or `lr=-1`', (what: string, range: string, found: string, fix?: string) => ({
    message: `${what} must be ${range}, found ${q(found)}`,
    ...(fix ? { help: fix } : {}),
  })),
  integerTooLarge: def('DL0305', 'error', 'an integer too large to mean anything', (text: string, limit: number) => ({
    message: `the integer ${q(text.length > 24 ? `${text.slice(0, 20)}...` : text)} is too large (the limit here is ${limit.toLocaleString('en-US')})`,
  })),
  badInputShape: def('DL0306', 'error', 'an `input` shape that is not rank 1, 2 or 3', (found: string) => ({
    message: `\`input\` takes a shape of rank 1 (features), 2 (steps x features) or 3 (channels x height x width), found ${q(found)}`,
    help: 'for example: `input 4`, `input 20x1` or `input 1x28x28`',
  })),

  equalsAfterName: def('DL0307', 'error', 'a layer or setting written `name=value` instead of `name value`', (name: string, value: string) => ({
    message: `\`${name}\` takes its value after a space, not after \`=\``,
    help: `write \`${name} ${value}\``,
  })),

  // Shapes.
  sizeMismatch: def('DL0401', 'error', "a layer's input size differs from what the previous layer gives", (layer: string, expects: string, prev: string, gives: string, fix?: string) => ({
    message: `${layer} expects ${expects}, but ${prev} gives ${gives}`,
    ...(fix ? { help: fix } : {}),
  })),
  wrongRank: def('DL0402', 'error', 'a layer given an input of the wrong rank', (layer: string, expects: string, prev: string, shape: readonly number[], fix?: string) => ({
    message: `${layer} expects ${expects}, but ${prev} gives ${shapeText(shape)}`,
    ...(fix ? { help: fix } : {}),
  })),
  kernelTooLarge: def('DL0403', 'error', 'a conv or pool window larger than its (padded) input', (layer: string, kernel: readonly number[], size: readonly number[], fix: string) => ({
    message: `${layer} has a ${kernel.join('x')} window, larger than its ${size.join('x')} input`,
    help: fix,
  })),
  unknownInput: def('DL0404', 'error', "a net whose input shape cannot be inferred", (first: string, example: string) => ({
    message: `the input shape of this net cannot be inferred from ${first}`,
    help: `declare it first, for example: \`${example}\``,
  })),
  emptyNet: def('DL0405', 'error', 'a net without layers', (name: string) => ({
    message: `net ${q(name)} has no layers`,
    help: 'add layers between `<` and `>`, for example `linear 4->3`',
  })),

  // Dataset, net and loss compatibility.
  exampleShapeMismatch: def('DL0501', 'error', "the dataset's example shape differs from the net's input", (dataset: string, example: readonly number[], net: string, input: readonly number[], fix?: string) => ({
    message: `dataset ${q(dataset)} gives examples of shape ${shapeText(example)}, but net ${q(net)} takes ${shapeText(input)}`,
    ...(fix ? { help: fix } : {}),
  })),
  classCountMismatch: def('DL0502', 'error', "the net's output size differs from the dataset's class count", (dataset: string, classes: number, net: string, output: readonly number[], fix: string) => ({
    message: `dataset ${q(dataset)} has ${classes} classes, but net ${q(net)} outputs ${shapeText(output)}`,
    help: fix,
  })),
  binaryLoss: def('DL0503', 'error', '`bce`/`bce_logits` with more than 2 classes or an output other than [1]', (loss: string, why: string, fix: string) => ({
    message: `${q(loss)} ${why}`,
    help: fix,
  })),
  lossTarget: def('DL0504', 'error', 'a classification loss on a regression target', (loss: string, dataset: string, fix: string) => ({
    message: `${q(loss)} needs class targets, but dataset ${q(dataset)} has numeric targets`,
    help: fix,
  })),
  outputNotVector: def('DL0505', 'error', 'a trained net whose output is not a vector', (net: string, output: readonly number[], fix: string) => ({
    message: `net ${q(net)} outputs ${shapeText(output)} per example; a loss needs a vector`,
    help: fix,
  })),
  csvUnreadable: def('DL0506', 'error', 'a csv file that cannot be read', (file: string) => ({
    message: `cannot read the csv file ${q(file)}`,
    help: 'the path is relative to the spec file',
  })),
  csvNoTarget: def('DL0507', 'error', 'a csv target column that the header does not name', (column: string, file: string, columns: string[], suggestion?: string) => ({
    message: `the csv file ${q(file)} has no column ${q(column)}`,
    help: didYouMean(suggestion) ?? `its columns are ${columns.map(q).join(', ')}`,
  })),
  csvBad: def('DL0508', 'error', 'a csv file whose contents cannot be used', (file: string, problem: string) => ({
    message: `the csv file ${q(file)} cannot be used: ${problem}`,
  })),
  regressionSizeMismatch: def('DL0509', 'error', "the net's output size differs from the regression target's size", (dataset: string, size: number, net: string, output: readonly number[], fix: string) => ({
    message: `dataset ${q(dataset)} has ${size} target value${size === 1 ? '' : 's'} per example, but net ${q(net)} outputs ${shapeText(output)}`,
    help: fix,
  })),
  missingOption: def('DL0510', 'error', 'a dataset option that has no default and is left out', (dataset: string, option: string, example: string) => ({
    message: `dataset ${q(dataset)} needs the option ${q(option)}`,
    help: `for example: \`${example}\``,
  })),

  // What training would refuse, found before it starts (check/check-run.ts).
  splitLeavesNone: def('DL0511', 'error', 'a split that leaves no examples for training', (split: number, n: number, test: number) => ({
    message: `split ${split} of ${n} examples holds out ${test} for testing and leaves none for training`,
    help: 'use a smaller split, such as `split 0.2`',
  })),
  batchnormSingle: def('DL0512', 'error', 'batchnorm trained on a batch of one example', (layer: number, why: string) => ({
    message: `batchnorm (layer ${layer}) cannot train on single examples, and ${why} has one`,
    help: 'choose a batch size of 2 or more that leaves no single example over',
  })),

  // Held-out sets and early stopping.
  holdoutLeavesNothing: def('DL0530', 'error', 'test and validation splits that together leave no training examples', (split: number, validate: number, n: number | null, dataset: string | null) => {
    const held = n === null
      ? 'together hold out every example'
      : `hold out ${split > 0 ? Math.ceil(split * n) : 0} + ${Math.ceil(validate * n)} of the ${n} examples of ${q(dataset!)}`;
    return {
      message: `\`split ${split}\` and \`validate ${validate}\` ${held}, leaving none for training`,
      help: 'keep split + validate well below 1, for example `split 0.2` and `validate 0.2` (60% left for training)',
    };
  }),
  stopWithoutValidation: def('DL0531', 'error', '`stop_after` without a validation split to watch', (validateZero: boolean) => ({
    message: `\`stop_after\` watches the validation loss, but this train block ${validateZero ? 'holds out no validation examples (`validate 0`)' : 'has no validation split'}`,
    help: 'add `validate 0.2` to hold out a fifth of the examples for validation',
  })),
  stopAfterTooLong: def('DL0532', 'warning', '`stop_after` as long as the training or longer: it can never stop early', (n: number, epochs: number, defaultEpochs: boolean) => ({
    message: `\`stop_after ${n}\` can never stop training early: it runs only ${epochs} epoch${epochs === 1 ? '' : 's'}${defaultEpochs ? ' (the default)' : ''}`,
    help: 'train for more epochs, or wait fewer; the best epoch\'s weights are kept either way',
  })),

  // Limits.
  layerTooWide: def('DL0601', 'error', 'a layer dimension above the 1,000,000 limit', (layer: string, size: number, limit: number) => ({
    message: `${layer} has a size of ${size.toLocaleString('en-US')}; sizes are limited to ${limit.toLocaleString('en-US')} per dimension`,
    help: 'a layer this wide would not fit in memory; use a smaller size',
  })),
  tooManyParams: def('DL0602', 'error', 'a net above the 50 million parameter limit', (net: string, count: number, limit: number) => ({
    message: `net ${q(net)} has ${count.toLocaleString('en-US')} parameters; the limit is ${limit.toLocaleString('en-US')}`,
    help: 'nets this large do not train in a browser; use fewer or narrower layers',
  })),
  tooManyErrors: def('DL0603', 'error', 'more syntax errors than are worth listing', (shown: number) => ({
    message: `too many syntax errors; only the first ${shown} are listed`,
  })),

  // Teaching warnings: real mistakes from real PyTorch code. Never stop compilation.
  softmaxBeforeCrossEntropy: def('DL0701', 'warning', 'softmax as the last layer of a net trained with cross_entropy', () => ({
    message: '`cross_entropy` applies softmax itself; this `softmax` makes it apply twice and slows learning',
    help: 'remove the `softmax` layer (PyTorch: `nn.CrossEntropyLoss` expects raw scores)',
  })),
  sigmoidBeforeBceLogits: def('DL0702', 'warning', 'sigmoid as the last layer of a net trained with bce_logits', () => ({
    message: '`bce_logits` applies sigmoid itself; this `sigmoid` makes it apply twice',
    help: 'remove the `sigmoid` layer, or use `loss bce`',
  })),
  linearCollapse: def('DL0703', 'warning', 'two linear layers with no activation between them', (first: number, second: number) => ({
    message: `layers ${first} and ${second} are both \`linear\` with no activation between them: together they are one linear map`,
    help: 'add an activation such as `relu` between them',
  })),
  mseOnClasses: def('DL0704', 'warning', '`mse` on a class target', (dataset: string) => ({
    message: `\`mse\` treats the class numbers of dataset ${q(dataset)} as quantities`,
    help: 'for classes use `loss cross_entropy` (or `bce_logits` with 2 classes and output [1])',
  })),
  unusualLr: def('DL0705', 'warning', 'a learning rate far outside the usual range for its optimizer', (optimizer: string, lr: string, low: number, high: number) => ({
    message: `lr=${lr} is far outside the usual range for ${q(optimizer)} (${small(low)} to ${small(high)})`,
    help: optimizer === 'adam' ? 'Adam usually works with lr=0.001' : 'SGD usually works with lr between 0.01 and 0.5',
  })),
  bceWithoutSigmoid: def('DL0706', 'warning', '`bce` on a net whose last layer is not `sigmoid`', (net: string) => ({
    message: `\`bce\` expects probabilities, but the last layer of net ${q(net)} is not \`sigmoid\``,
    help: 'end the net with `sigmoid`, or use `loss bce_logits` on raw scores',
  })),
  expensiveRun: def('DL0707', 'warning', 'a net whose estimated memory or time per epoch is past the documented thresholds', (net: string, estimate: string, over: string) => ({
    message: `training net ${q(net)} needs an estimated ${estimate}, ${over}`,
    help: 'a browser tab may run out of memory or seem frozen; use fewer or narrower layers, or fewer examples',
  })),
} as const;

/** Every catalogue entry, for the docs' table and the golden tests. */
export const ALL_MESSAGES: MessageDef<never[]>[] = Object.values(M) as unknown as MessageDef<never[]>[];

/**
 * Diagnostics of running a spec, not of its text: reading weights and data, training.
 * Each message is a template whose `{name}` fields are filled from the problem, so the
 * exported PyTorch program's loader (emit/py-safetensors.ts) gives the same codes and
 * words from this same table (Python's `str.format` reads the same template).
 */
export interface RuntimeMessageDef {
  code: string;
  severity: Severity;
  summary: string;
  template: string;
  help?: string;
}

function rdef(code: string, summary: string, template: string, help?: string): RuntimeMessageDef {
  return help === undefined ? { code, severity: 'error', summary, template } : { code, severity: 'error', summary, template, help };
}

/** Fills a runtime template: `{name}` becomes `args.name`. */
export function fillTemplate(template: string, args: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in args ? String(args[k]) : `{${k}}`));
}

export const R = {
  // Weights files (safetensors), in the order a reader checks them.
  weightsTooShort: rdef('DL0801', 'a weights file shorter than its 8-byte header length', 'the file is {size} bytes, shorter than the 8-byte header length of a safetensors file'),
  weightsHeaderLength: rdef('DL0802', 'a weights header length beyond the end of the file', 'the header length {length} is beyond the end of the file ({size} bytes)'),
  weightsHeaderJson: rdef('DL0803', 'a weights header that is not UTF-8 JSON', 'the header is not UTF-8 JSON'),
  weightsHeaderObject: rdef('DL0804', 'a weights header that is not a JSON object', 'the header is not a JSON object of tensors'),
  weightsMetadata: rdef('DL0805', 'weights `__metadata__` that is not an object of strings', '__metadata__ must map names to strings'),
  weightsEntry: rdef('DL0806', 'a weights tensor entry without dtype, shape or data_offsets', 'tensor {name} needs an object with dtype, shape and data_offsets'),
  weightsDtype: rdef('DL0807', 'a weights tensor of a dtype dlc does not read', 'tensor {name} has dtype {dtype}; dlc reads F32, F64, I64 and I32'),
  weightsShape: rdef('DL0808', 'a weights tensor shape that is not a list of whole numbers', 'tensor {name} has shape {shape}; a shape is a list of whole numbers, none negative'),
  weightsOffsets: rdef('DL0809', 'weights data_offsets that are not two ordered whole numbers', 'tensor {name} has data_offsets {offsets}; they must be two whole numbers, 0 <= start <= end'),
  weightsOutside: rdef('DL0810', 'weights data_offsets past the end of the data', 'tensor {name}: data_offsets {offsets} reach past the end of the data ({size} bytes)'),
  weightsSize: rdef('DL0811', 'weights data_offsets whose size differs from the shape and dtype', 'tensor {name}: data_offsets {offsets} hold {bytes} bytes, but shape {shape} of {dtype} needs {needed}'),
  weightsOverlap: rdef('DL0812', 'two weights tensors that share bytes', 'tensors {first} and {second} overlap in the data'),
  weightsCoverage: rdef('DL0813', 'weights data bytes that belong to no tensor', 'the tensors cover {covered} of the {size} data bytes; the rest belongs to no tensor'),
  weightsNonFinite: rdef('DL0814', 'a weights tensor holding NaN or an infinity', 'tensor {name} holds a NaN or infinite value (at index {index})', 'the weights come from a run that diverged: train again with a smaller lr'),
  weightsFit: rdef('DL0815', 'weights whose names or shapes do not fit the net', 'the weights do not fit net {net}: {problems}'),
  weightsDtypeFit: rdef('DL0816', 'a weights tensor whose dtype family differs from the net\'s', 'tensor {name} is {dtype}, but the net keeps it as {expected}'),
  weightsMetaJson: rdef('DL0817', 'weights metadata that is not JSON', 'metadata {key} is not JSON'),
  weightsStandardize: rdef('DL0818', 'weights standardisation statistics that cannot be applied', 'metadata dlc.standardize needs lists mean and std of {width} finite numbers, every std above 0'),
  weightsNames: rdef('DL0819', 'weights metadata classes or features that are not a list of names', 'metadata {key} must be a list of names'),
  weightsClassCount: rdef('DL0820', 'weights classes whose count differs from the net\'s', 'metadata dlc.classes names {count} classes, but net {net} predicts {classes}'),
  weightsNumber: rdef('DL0821', 'weights metadata epochs or seed that is not a whole number', 'metadata {key} must be a whole number'),
} as const;


/** Training that diverged (runtime/divergence.ts), in the runtime catalogue. */
export const R_TRAIN = {
  lossNotFinite: rdef('DL0830', 'a training loss that became NaN or infinite', 'training diverged: the loss became {loss} at epoch {epoch}, batch {batch}, with {optimizer} at learning rate {lr}'),
  lossExploded: rdef('DL0831', 'a training loss that exploded past 1000 times its starting value', 'training diverged: the loss reached {loss} at epoch {epoch}, over 1000 times its starting value {start}, with {optimizer} at learning rate {lr}'),
} as const;

/**
 * Data sets the runtime cannot build (runtime/datasets). A problem inside a data file (a csv
 * to train on, the inputs to predict) is DL0508 with its line, as `dlc check` reports it.
 */
export const R_DATA = {
  csvNeedsFile: rdef('DL0860', 'a csv data set without the file to read', 'csv needs the file to read: train Net on csv file="data.csv" target=column < ... >'),
  csvTargetName: rdef('DL0861', 'a csv data set whose target is not a column name', 'csv: target must name a column, got {target}'),
  noFileAccess: rdef('DL0862', 'a csv data set where there is no file access to read it', "cannot read {file}: no file access here; supply the file's text"),
  fileUnreadable: rdef('DL0863', 'a data file that cannot be read', 'cannot read {file}: {why}', 'the path is relative to the spec file'),
  unknownDataset: rdef('DL0864', 'a data set the runtime does not know', 'unknown data set {name}; the data sets are {known}'),
  optionInt: rdef('DL0865', 'a data set option that is not a whole number in its range', '{dataset}: option {name} must be a whole number of at least {min}, got {value}'),
  optionNumber: rdef('DL0866', 'a data set option that is not a number of at least 0', '{dataset}: option {name} must be a number of at least 0, got {value}'),
  optionUnknown: rdef('DL0867', 'an option the data set does not take', '{dataset} has no option {name}: {has}'),
} as const;

/** The TensorFlow.js backend (runtime/backend.ts), as the CLI and the worker start it. */
export const R_BACKEND = {
  unavailable: rdef('DL0868', 'a TensorFlow.js backend that cannot start here', '{problem}'),
} as const;

/** A run the runtime refuses before or while it trains or predicts (runtime/train.ts and its helpers). */
export const R_RUN = {
  inputWidth: rdef('DL0870', 'inputs whose count is not a whole number of examples for the net', 'net {net} takes {width} input values per example ([{shape}]), got {count}'),
  trainNetMissing: rdef('DL0873', 'a train block whose net the spec does not declare', 'the train block names net {net}, which the spec does not declare'),
  exampleShape: rdef('DL0874', "a data set whose examples differ in shape from the net's input", 'data set {dataset} has examples of shape [{shape}], but net {net} takes [{input}]'),
  noExamples: rdef('DL0875', 'a data set without examples', 'data set {dataset} has no examples'),
  dataSize: rdef('DL0876', 'a data set whose values are not its examples times their size', 'data set {dataset} holds {values} input values, not {n} examples of {width}'),
  batchnormSingle: rdef('DL0877', 'a batch size that leaves batchnorm a single example', 'batchnorm (layer {layer}) cannot train on single examples, and {why} has one; choose a batch size of 2 or more that leaves no single example over'),
  batchnormBatch: rdef('DL0878', 'batchnorm training on one value per channel', 'batchnorm (layer {layer}) needs more than one value per channel to train, got a batch of {batch}; use a larger batch'),
  classCount: rdef('DL0879', 'cross_entropy targets that are not one class per example', 'cross_entropy needs one class index per example, got {targets} targets for {n} examples'),
  classRange: rdef('DL0880', "a class target outside the net's output classes", "example {example} has class {class}, but the net's output has {classes} classes (0 to {last})"),
  targetWidth: rdef('DL0881', "targets whose size per example differs from the net's output", '{loss} needs {width} target value(s) per example to match the output [{shape}], got {got}'),
  binaryTarget: rdef('DL0882', 'a bce or bce_logits target that is not 0 or 1', '{loss} needs targets 0 or 1, example {example} has {value}'),
  splitRange: rdef('DL0883', 'a split fraction outside [0, 1)', 'split must be at least 0 and below 1, got {split}'),
  splitLeavesNone: rdef('DL0884', 'a split that leaves no examples for training', 'split {split} of {n} examples leaves none for training; use a smaller split'),
  validateLeavesNone: rdef('DL0885', 'a validation split that leaves no examples for training', 'validation takes {count} of the {n} examples the test split leaves, and none are left for training; use a smaller validate or split'),
  resumeEpoch: rdef('DL0886', 'a snapshot to resume from whose epoch is outside the run', 'cannot resume after epoch {epoch} of a run of {epochs} epochs'),
  resumeHistory: rdef('DL0887', 'a snapshot whose history differs from its epoch', 'a snapshot after epoch {epoch} must hold {epoch} epoch reports, not {reports}'),
  resumeBest: rdef('DL0832', 'a snapshot whose best epoch is not one of its epochs with a validation loss', 'a snapshot after epoch {epoch} cannot have epoch {best} as its best: it must be one of its epochs with a validation loss'),
} as const;

/** A snapshot's generator (runtime/rng.ts): numbered after the run's codes, in the one code left in the data sets' block. */
export const R_RNG = {
  resumeRng: rdef('DL0869', 'a snapshot whose generator state is not an MT19937 state', 'an MT19937 state holds {words} words and a position up to {words}'),
} as const;

/**
 * A typed graph read back (a `dlc compile` file, a graph posted to the worker, one handed to
 * `train()` or `toPyTorch()`) that breaks the graph's invariants (graph/verify.ts).
 */
export const R_GRAPH = {
  structure: rdef('DL0890', 'a typed graph whose structure or version is not the compiler\'s', 'the graph is not a dlc typed graph: {problem}', 'compile the spec again with this version of dlc'),
  unknownOp: rdef('DL0891', 'a typed graph node whose op is not in the op table', '{where}: unknown op {op}; the ops are {ops}', 'compile the spec again with this version of dlc'),
  attrs: rdef('DL0892', "a typed graph node whose attributes are not its op's (names, types, ranges)", '{where}: {problem}', 'compile the spec again with this version of dlc'),
  shapes: rdef('DL0893', "a typed graph whose shapes do not chain or do not follow each op's shape rule", '{where}: {problem}', 'compile the spec again with this version of dlc'),
  params: rdef('DL0894', "a typed graph whose parameters or counts are not what its ops make", '{where}: {problem}', 'compile the spec again with this version of dlc'),
  trains: rdef('DL0895', 'a typed graph whose train block names no net or has settings out of range', '{where}: {problem}', 'compile the spec again with this version of dlc'),
} as const;

/** The command line (cli/): what a user types, and the files it reads and writes. */
export const R_CLI = {
  usage: rdef('DL0896', 'a command line the command cannot run: an argument or option missing, unknown or malformed', '{problem}'),
  unreadable: rdef('DL0897', 'a file or standard input the command cannot read', 'cannot read {what}: {why}'),
  unwritable: rdef('DL0898', 'a file the command cannot write', 'cannot write {what}: {why}'),
  internal: rdef('DL0899', 'a bug in dlc itself', 'internal error: {message}', 'this is a bug in dlc; set DLC_DEBUG=1 to see where it happened, and report it with the spec'),
} as const;

/** A train block or net the command, the runtime or the export looks for (graph/lookup.ts). */
export const R_LOOKUP = {
  noTrainBlock: rdef('DL0840', 'a spec with no train block, asked to train', 'the spec has no train block', 'add one such as `train {net} on iris < epochs 10 >`'),
  noTrainFor: rdef('DL0841', 'no train block trains the net asked for', 'no train block trains net `{net}`; the spec trains {trained}'),
  noNet: rdef('DL0842', 'a net name the spec does not declare', 'the spec has no net `{net}`; its nets are {nets}'),
  noNets: rdef('DL0843', 'a spec with no net, asked to run or export one', 'the spec declares no net', 'declare one such as `net Net < linear 4->3 >`'),
} as const;

/** Every runtime catalogue entry, for the docs' table. */
export const RUNTIME_MESSAGES: RuntimeMessageDef[] = [
  ...Object.values(R), ...Object.values(R_TRAIN), ...Object.values(R_LOOKUP), ...Object.values(R_DATA), ...Object.values(R_BACKEND), ...Object.values(R_RNG), ...Object.values(R_RUN),
  ...Object.values(R_GRAPH), ...Object.values(R_CLI),
];

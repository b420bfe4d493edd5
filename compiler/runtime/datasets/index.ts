/**
 * Built-in and user data sets, in memory, for Node and the browser alike (no file system:
 * a csv file comes through `readFile`). Which sets exist, their options, defaults, shapes
 * and targets are the catalogue's (graph/datasets.ts); this file holds how each is made.
 *
 * Generated sets are drawn from the train block's seed by `random.ts`; see each file for
 * its definition.
 */
import type { Dataset } from '../api.ts';
import type { DatasetRef, TargetKind, Shape } from '../../graph/types.ts';
import { type BuiltinName, DATASET_NAMES, DATASETS, datasetDefaults, datasetInfo, type DatasetInfo } from '../../graph/datasets.ts';
import { csvDataset } from './csv.ts';
import { delay } from './delay.ts';
import { digits } from './digits.ts';
import { DatasetError } from './errors.ts';
import { R_DATA } from '../../diagnostics/messages.ts';
import { iris } from './iris.ts';
import { checkOptionNames, intOption, nonNegativeOption } from './options.ts';
import { PLANAR, planar } from './planar.ts';
import { dataRng } from './random.ts';
import { sine } from './sine.ts';

export { DatasetError } from './errors.ts';
export { csvDataset } from './csv.ts';
export { dataRng } from './random.ts';

export interface LoadOptions {
  /** Seeds the generated data sets (the train block's seed). */
  seed: number;
  /** Supplies csv files: Node reads the file system, the browser an uploaded file. */
  readFile?: (path: string) => string;
}

/** A built-in set's options, every one given (the checker's values, or the catalogue's defaults). */
type Resolved = Record<string, number>;

/**
 * How each built-in set is made, from its resolved options and the seed. Keyed by the
 * catalogue's names, so a set added there and not here does not compile.
 */
const LOADERS: Record<BuiltinName, (o: Resolved, seed: number) => Dataset> = {
  iris: () => iris(),
  digits: () => digits(),
  xor: (o, seed) => planar('xor', PLANAR.xor, dataRng(seed), o.n, o.noise),
  circles: (o, seed) => planar('circles', PLANAR.circles, dataRng(seed), o.n, o.noise),
  gauss: (o, seed) => planar('gauss', PLANAR.gauss, dataRng(seed), o.n, o.noise),
  spiral: (o, seed) => planar('spiral', PLANAR.spiral, dataRng(seed), o.n, o.noise),
  sine: (o, seed) => sine(dataRng(seed), o.n, o.noise),
  delay: (o, seed) => delay(dataRng(seed), o.n, o.steps),
};

/** What the compiler needs to know about a built-in data set without building it. */
export interface BuiltinInfo {
  options: Record<string, number>;
  exampleShape: (options: Record<string, number | string>) => Shape;
  target: TargetKind;
}

/** The catalogue's built-in sets in the runtime's older form (options as defaults): a view of DATASETS, not a second table. */
export const BUILTIN_DATASETS: Record<string, BuiltinInfo> = Object.fromEntries(
  DATASET_NAMES.filter((name) => name !== 'csv').map((name) => {
    const info = DATASETS[name];
    const defaults = datasetDefaults(info) as Record<string, number>;
    return [name, { options: defaults, exampleShape: (o) => info.exampleShape({ ...defaults, ...o })!, target: info.target(defaults)! }];
  }),
);

/**
 * The options a graph's dataset node carries, checked against the catalogue: the checker
 * has filled in every default and checked every value, so this only catches a graph made
 * by hand or read back from a file, with the runtime's own words.
 */
function resolveOptions(info: DatasetInfo, options: Record<string, number | string>): Resolved {
  const { name } = info;
  checkOptionNames(name, options, Object.keys(info.options));
  const out: Resolved = {};
  for (const [key, spec] of Object.entries(info.options)) {
    if (spec.kind === 'int') out[key] = intOption(name, options, key, spec.default ?? 1, spec.min);
    else if (spec.kind === 'number') out[key] = nonNegativeOption(name, options, key, spec.default);
  }
  return out;
}

function csv(ref: DatasetRef, opts: LoadOptions): Dataset {
  const { file, target } = ref.options;
  if (typeof file !== 'string' || file === '') {
    throw new DatasetError(R_DATA.csvNeedsFile);
  }
  if (target !== undefined && typeof target !== 'string') {
    throw new DatasetError(R_DATA.csvTargetName, { target: String(target) });
  }
  checkOptionNames('csv', ref.options, ['file', 'target']);
  if (!opts.readFile) throw new DatasetError(R_DATA.noFileAccess, { file }, { file });
  let text: string;
  try {
    text = opts.readFile(file);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new DatasetError(R_DATA.fileUnreadable, { file, why }, { file });
  }
  return csvDataset(text, { file, target, want: ref.target?.kind });
}

/**
 * Builds the data set a train block names, all examples, before any split.
 *
 * @example
 *   loadDataset({ name: 'spiral', options: { n: 600, noise: 0.05 }, exampleShape: [2], target: null }, { seed: 0 })
 *   // 600 points, x [600*2], y class indices
 */
export function loadDataset(ref: DatasetRef, opts: LoadOptions): Dataset {
  if (ref.name === 'csv') return csv(ref, opts);
  const info = datasetInfo(ref.name);
  if (info === undefined) {
    throw new DatasetError(R_DATA.unknownDataset, { name: ref.name, known: DATASET_NAMES.join(', ') });
  }
  return LOADERS[info.name as BuiltinName](resolveOptions(info, ref.options), opts.seed);
}
export { featureRows } from './feature-rows.ts';

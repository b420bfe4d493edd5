/**
 * Built-in and user data sets, in memory, for Node and the browser alike (no file system:
 * a csv file comes through `readFile`).
 *
 * | name | example shape | target | options |
 * |---|---|---|---|
 * | iris | [4] | 3 classes, 150 examples | |
 * | digits | [1,8,8], 0..1 | 10 classes, 1797 examples | |
 * | xor, circles, gauss, spiral | [2] | 2 classes | n=400 noise=0 |
 * | sine | [1] | regression, size 1 | n=200 noise=0 |
 * | delay | [steps,1] | 2 classes | steps=20 n=1000 |
 * | csv | [features] | classes or regression | file="x.csv" target=column |
 *
 * Generated sets are drawn from the train block's seed by `random.ts`; see each file for
 * its definition.
 */
import type { Dataset } from '../api.ts';
import type { DatasetRef, TargetKind, Shape } from '../../graph/types.ts';
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

/** What the compiler needs to know about a built-in data set without building it. */
export interface BuiltinInfo {
  options: Record<string, number>;
  exampleShape: (options: Record<string, number | string>) => Shape;
  target: TargetKind;
}

const planarInfo: BuiltinInfo = { options: { n: 400, noise: 0 }, exampleShape: () => [2], target: { kind: 'classes', classes: 2 } };

export const BUILTIN_DATASETS: Record<string, BuiltinInfo> = {
  iris: { options: {}, exampleShape: () => [4], target: { kind: 'classes', classes: 3 } },
  digits: { options: {}, exampleShape: () => [1, 8, 8], target: { kind: 'classes', classes: 10 } },
  xor: planarInfo,
  circles: planarInfo,
  gauss: planarInfo,
  spiral: planarInfo,
  sine: { options: { n: 200, noise: 0 }, exampleShape: () => [1], target: { kind: 'regression', size: 1 } },
  delay: {
    options: { steps: 20, n: 1000 },
    exampleShape: (o) => [typeof o.steps === 'number' ? o.steps : 20, 1],
    target: { kind: 'classes', classes: 2 },
  },
};

function builtin(name: string, options: Record<string, number | string>, seed: number): Dataset {
  const info = BUILTIN_DATASETS[name];
  checkOptionNames(name, options, Object.keys(info.options));
  if (name === 'iris') return iris();
  if (name === 'digits') return digits();
  if (name === 'delay') {
    return delay(dataRng(seed), intOption(name, options, 'n', 1000), intOption(name, options, 'steps', 20));
  }
  const n = intOption(name, options, 'n', info.options.n);
  const noise = nonNegativeOption(name, options, 'noise', 0);
  if (name === 'sine') return sine(dataRng(seed), n, noise);
  return planar(name, PLANAR[name], dataRng(seed), n, noise);
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
  if (!(ref.name in BUILTIN_DATASETS)) {
    const known = [...Object.keys(BUILTIN_DATASETS), 'csv'].join(', ');
    throw new DatasetError(R_DATA.unknownDataset, { name: ref.name, known });
  }
  return builtin(ref.name, ref.options, opts.seed);
}
export { featureRows } from './feature-rows.ts';

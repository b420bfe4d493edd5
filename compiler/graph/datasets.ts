/**
 * The data set catalogue: every data set a train block may name, with its options and
 * defaults, the example shape and target it gives, and how the views draw it. It is the
 * one table: the checker resolves a `train` against it, the runtime generates from it
 * (runtime/datasets/index.ts keeps one loader per name, typed by `DatasetName`), the
 * exported program writes its `load_data` from it (emit/py-data.ts, likewise) and the
 * site's views read its `planar` flag. Facts only: no generator code and no data, so the
 * checker (and a page that only checks) loads neither. `csv` reads a user's file: its shape
 * and target come from the file (check/csv.ts).
 * tests/compiler/dataset-catalogue.test.ts fails when an entry is not wired everywhere.
 */
import type { Shape, TargetKind } from './types.ts';
import type { OptionSpec } from '../check/item-args.ts';
import { LIMITS } from '../check/limits.ts';

export type DatasetOptions = Record<string, number | string>;

/** Every data set's name, in the order docs and messages list them. */
export const DATASET_NAMES = ['iris', 'digits', 'xor', 'circles', 'gauss', 'spiral', 'sine', 'delay', 'csv'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];
/** The data sets dlc generates or ships (every one but csv). */
export type BuiltinName = Exclude<DatasetName, 'csv'>;

export interface DatasetInfo {
  name: DatasetName;
  /** One line for docs and completion. */
  doc: string;
  options: Record<string, OptionSpec>;
  /** Per-example shape; null when it depends on a file (csv). */
  exampleShape: (opts: DatasetOptions) => Shape | null;
  target: (opts: DatasetOptions) => TargetKind | null;
  /** Examples in a fixed dataset; null when the `n` option sets it. */
  examples: number | null;
  /** Two classes of points in the plane: the views draw the points and a decision boundary. */
  planar: boolean;
}

const n = (def: number): OptionSpec => ({ kind: 'int', default: def, min: 1, max: LIMITS.examples, doc: `number of examples (default ${def})` });
const noise: OptionSpec = {
  kind: 'number', default: 0, range: { min: 0, max: 10, text: 'from 0 to 10' },
  doc: 'standard deviation of the Gaussian noise added to each input (default 0)',
};

function twoClass(name: DatasetName, doc: string): DatasetInfo {
  return {
    name, doc, examples: null, planar: true,
    options: { n: n(400), noise },
    exampleShape: () => [2],
    target: () => ({ kind: 'classes', classes: 2 }),
  };
}

export const DATASETS: Readonly<Record<DatasetName, DatasetInfo>> = {
  iris: {
    name: 'iris', doc: "Fisher's iris flowers: 4 measurements, 3 species (150 examples)", examples: 150, planar: false,
    options: {},
    exampleShape: () => [4],
    target: () => ({ kind: 'classes', classes: 3 }),
  },
  digits: {
    name: 'digits', doc: '8x8 handwritten digits as [1,8,8] images scaled to 0..1, 10 classes (1797 examples)', examples: 1797, planar: false,
    options: {},
    exampleShape: () => [1, 8, 8],
    target: () => ({ kind: 'classes', classes: 10 }),
  },
  xor: twoClass('xor', 'points in four quadrants; the class is the sign of x*y'),
  circles: twoClass('circles', 'a small circle inside a larger one'),
  gauss: twoClass('gauss', 'two Gaussian blobs'),
  spiral: twoClass('spiral', 'two interleaved spirals'),
  sine: {
    name: 'sine', doc: 'x in [-pi, pi] and the target sin(x): regression', examples: null, planar: false,
    options: { n: n(200), noise },
    exampleShape: () => [1],
    target: () => ({ kind: 'regression', size: 1 }),
  },
  delay: {
    name: 'delay', doc: 'sequences of random bits [steps,1]; the class is the first bit', examples: null, planar: false,
    options: {
      steps: { kind: 'int', default: 20, min: 1, max: 10_000, doc: 'length of each sequence (default 20)' },
      n: n(1000),
    },
    exampleShape: (o) => [o.steps as number, 1],
    target: () => ({ kind: 'classes', classes: 2 }),
  },
  csv: {
    name: 'csv', doc: 'your own table: numeric feature columns and one target column', examples: null, planar: false,
    options: {
      file: { kind: 'string', default: null, doc: 'path of the csv file, relative to the spec (required)' },
      target: { kind: 'name', default: null, doc: 'the target column (default: the last column)' },
    },
    exampleShape: () => null,
    target: () => null,
  },
};

/** The catalogue entry for a name a spec or a graph gives, if there is one. */
export function datasetInfo(name: string): DatasetInfo | undefined {
  return Object.hasOwn(DATASETS, name) ? DATASETS[name as DatasetName] : undefined;
}

/** True for the two-class sets in the plane, whose views draw a decision boundary. */
export function isPlanar(name: string): boolean {
  return datasetInfo(name)?.planar === true;
}

/** The options' defaults (csv's file and target have none, so they are left out). */
export function datasetDefaults(info: DatasetInfo): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const [key, spec] of Object.entries(info.options)) {
    if (spec.default !== null && spec.default !== undefined) out[key] = spec.default as number | string;
  }
  return out;
}

/**
 * The built-in datasets: their options with defaults, the example shape and the target they
 * give. The compiler checks a `train` against this; the runtime generates the data from it.
 * `csv` reads a user's file: its shape and target come from the file (see csv.ts).
 */
import type { Shape, TargetKind } from '../graph/types.ts';
import type { OptionSpec } from './item-args.ts';
import { LIMITS } from './limits.ts';

export type DatasetOptions = Record<string, number | string>;

export interface DatasetInfo {
  name: string;
  /** One line for docs and completion. */
  doc: string;
  options: Record<string, OptionSpec>;
  /** Per-example shape; null when it depends on a file (csv). */
  exampleShape: (opts: DatasetOptions) => Shape | null;
  target: (opts: DatasetOptions) => TargetKind | null;
  /** Examples in a fixed dataset; null when the `n` option sets it. */
  examples: number | null;
}

const n = (def: number): OptionSpec => ({ kind: 'int', default: def, min: 1, max: LIMITS.examples, doc: `number of examples (default ${def})` });
const noise: OptionSpec = {
  kind: 'number', default: 0, range: { min: 0, max: 10, text: 'from 0 to 10' },
  doc: 'standard deviation of the Gaussian noise added to each input (default 0)',
};

function twoClass(name: string, doc: string): DatasetInfo {
  return {
    name, doc, examples: null,
    options: { n: n(400), noise },
    exampleShape: () => [2],
    target: () => ({ kind: 'classes', classes: 2 }),
  };
}

export const DATASETS: Record<string, DatasetInfo> = {
  iris: {
    name: 'iris', doc: "Fisher's iris flowers: 4 measurements, 3 species (150 examples)", examples: 150,
    options: {},
    exampleShape: () => [4],
    target: () => ({ kind: 'classes', classes: 3 }),
  },
  digits: {
    name: 'digits', doc: '8x8 handwritten digits as [1,8,8] images scaled to 0..1, 10 classes (1797 examples)', examples: 1797,
    options: {},
    exampleShape: () => [1, 8, 8],
    target: () => ({ kind: 'classes', classes: 10 }),
  },
  xor: twoClass('xor', 'points in four quadrants; the class is the sign of x*y'),
  circles: twoClass('circles', 'a small circle inside a larger one'),
  gauss: twoClass('gauss', 'two Gaussian blobs'),
  spiral: twoClass('spiral', 'two interleaved spirals'),
  sine: {
    name: 'sine', doc: 'x in [-pi, pi] and the target sin(x): regression', examples: null,
    options: { n: n(200), noise },
    exampleShape: () => [1],
    target: () => ({ kind: 'regression', size: 1 }),
  },
  delay: {
    name: 'delay', doc: 'sequences of random bits [steps,1]; the class is the first bit', examples: null,
    options: {
      steps: { kind: 'int', default: 20, min: 1, max: 10_000, doc: 'length of each sequence (default 20)' },
      n: n(1000),
    },
    exampleShape: (o) => [o.steps as number, 1],
    target: () => ({ kind: 'classes', classes: 2 }),
  },
  csv: {
    name: 'csv', doc: 'your own table: numeric feature columns and one target column', examples: null,
    options: {
      file: { kind: 'string', default: null, doc: 'path of the csv file, relative to the spec (required)' },
      target: { kind: 'name', default: null, doc: 'the target column (default: the last column)' },
    },
    exampleShape: () => null,
    target: () => null,
  },
};

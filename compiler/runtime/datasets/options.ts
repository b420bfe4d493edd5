import { DatasetError } from './errors.ts';
import { R_DATA } from '../../diagnostics/messages.ts';

type Options = Record<string, number | string>;

/** A whole number >= `min` from the data set's options, or its default. */
export function intOption(dataset: string, options: Options, name: string, fallback: number, min = 1): number {
  const v = options[name] ?? fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new DatasetError(R_DATA.optionInt, { dataset, name, min, value: String(v) });
  }
  return v;
}

/** A number >= 0 from the data set's options, or its default. */
export function nonNegativeOption(dataset: string, options: Options, name: string, fallback: number): number {
  const v = options[name] ?? fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    throw new DatasetError(R_DATA.optionNumber, { dataset, name, value: String(v) });
  }
  return v;
}

/** Rejects options the data set does not have, naming the ones it does. */
export function checkOptionNames(dataset: string, options: Options, known: string[]): void {
  for (const name of Object.keys(options)) {
    if (!known.includes(name)) {
      const has = known.length ? `it takes ${known.join(', ')}` : 'it takes none';
      throw new DatasetError(R_DATA.optionUnknown, { dataset, name, has });
    }
  }
}

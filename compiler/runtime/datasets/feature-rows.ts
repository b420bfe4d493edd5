/**
 * Inputs to predict, as CSV: one example per line, its values flattened row-major (an
 * image's C-H-W order), in the units of the data set (digits' pixels in 0..1).
 *
 * A first line that is not all numbers is a header. When it names every feature of the
 * data set (`sepal_length`, ...), those columns are taken by name and others (such as the
 * target) are ignored, so the training CSV itself can be given; otherwise the header must
 * have exactly one column per input value.
 */
import { parseRows, toNumber } from './csv.ts';
import { DatasetError } from './errors.ts';

export interface FeatureRowsOptions {
  /** Shown in messages: a file name, or `<stdin>`. */
  file: string;
  /** Values per example: the product of the net's input shape. */
  width: number;
  featureNames?: string[];
}

/**
 * @example
 *   featureRows('5.1,3.5,1.4,0.2\n6.2,2.9,4.3,1.3\n', { file: 'in.csv', width: 4 }) // 8 values
 */
export function featureRows(text: string, opts: FeatureRowsOptions): { x: Float32Array; n: number } {
  const { file, width } = opts;
  let rows = parseRows(text, file);
  let columns = Array.from({ length: width }, (_, k) => k);
  let fields = width;
  if (rows.length > 0 && rows[0].fields.some((f) => toNumber(f) === null)) {
    const [head, ...rest] = rows;
    rows = rest;
    const names = opts.featureNames;
    if (names && names.every((name) => head.fields.includes(name))) {
      columns = names.map((name) => head.fields.indexOf(name));
      fields = head.fields.length;
    } else if (head.fields.length !== width) {
      const want = names ? `the features ${names.join(', ')}, or ${width} columns` : `${width} columns, one per input value`;
      throw new DatasetError(`${file} line ${head.line}: the header has ${head.fields.length} columns; it should name ${want}`, { file, line: head.line });
    }
  }
  if (rows.length === 0) throw new DatasetError(`${file} has no rows of inputs`, { file });
  const x = new Float32Array(rows.length * width);
  rows.forEach((row, i) => {
    if (row.fields.length !== fields) {
      throw new DatasetError(`${file} line ${row.line}: ${row.fields.length} values, but the net takes ${fields}`, { file, line: row.line });
    }
    columns.forEach((col, j) => {
      const v = toNumber(row.fields[col]);
      if (v === null) {
        throw new DatasetError(`${file} line ${row.line}: value ${col + 1} is "${row.fields[col]}", not a number`, { file, line: row.line });
      }
      x[i * width + j] = v;
    });
  });
  return { x, n: rows.length };
}

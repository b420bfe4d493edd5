/**
 * The user's own data: `train Net on csv file="flowers.csv" target=species < ... >`.
 *
 * - The first line is a header naming the columns. Fields are separated by commas and may
 *   be double-quoted ("a, b", with "" for a quote inside); spaces around fields are
 *   ignored; blank lines are skipped; a quoted field cannot span lines. Lines end with LF
 *   or CRLF; the bytes are UTF-8 (`decodeCsv`), a leading BOM dropped.
 * - This is the one csv reader: `dlc check` types a file with it (check/csv.ts), so check
 *   refuses exactly the files train refuses, with the same line.
 * - `target` names the target column (default: the last column). Every other column is a
 *   feature and must hold a number on every row; the example shape is [features].
 * - A target column of names (`setosa`, ...) makes classes: the distinct names, sorted
 *   (by code unit), become the indices 0, 1, ... A target of numbers makes a regression of
 *   size 1, unless the train block asks for classes (its loss is cross_entropy, bce or
 *   bce_logits): then the distinct numbers, in increasing order, are the classes.
 * - Any malformed line is a DatasetError that names the file and the line.
 */
import type { Dataset } from '../api.ts';
import { DatasetError } from './errors.ts';

export interface CsvOptions {
  /** The file's name as written in the spec, for messages. */
  file: string;
  /** The target column; the last column when absent. */
  target?: string;
  /** What the train block needs; when absent, numbers mean regression and names classes. */
  want?: 'classes' | 'regression';
}

export interface Row {
  line: number;
  fields: string[];
}

/** The fields of one CSV line; `file` and `line` only name the place in errors. */
export function splitLine(text: string, file: string, line: number): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new DatasetError(`${file} line ${line}: a quoted field is not closed`, { file, line });
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
      while (text[i] === ' ' || text[i] === '\t') i++;
      if (i < text.length && text[i] !== ',') {
        throw new DatasetError(`${file} line ${line}: unexpected text after a quoted field`, { file, line });
      }
    } else {
      const end = text.indexOf(',', i);
      field = (end < 0 ? text.slice(i) : text.slice(i, end)).trim();
      if (field.includes('"')) throw new DatasetError(`${file} line ${line}: a quote inside an unquoted field`, { file, line });
      i = end < 0 ? text.length : end;
    }
    fields.push(field);
    if (i >= text.length) return fields;
    i++; // the comma
  }
}

/**
 * A csv file's bytes as text: strict UTF-8 (a leading BOM is dropped). Bytes that are not
 * UTF-8 are an error naming the line, never replaced: `caf\xe9` and `caf\xe8` would
 * otherwise both become `caf\ufffd`, one class.
 */
export function decodeCsv(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    let start = 0;
    for (let line = 1; ; line++) {
      const end = bytes.indexOf(0x0a, start);
      const part = bytes.subarray(start, end < 0 ? bytes.length : end);
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(part);
      } catch {
        throw new DatasetError(`${file} line ${line}: the bytes are not valid UTF-8 text; save the file as UTF-8`, { file, line });
      }
      if (end < 0) throw new DatasetError(`${file}: the bytes are not valid UTF-8 text; save the file as UTF-8`, { file });
      start = end + 1;
    }
  }
}

export function parseRows(text: string, file: string): Row[] {
  const rows: Row[] = [];
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r?\n/);
  lines.forEach((raw, k) => {
    if (raw.trim() === '') return;
    rows.push({ line: k + 1, fields: splitLine(raw, file, k + 1) });
  });
  return rows;
}

/** A strict number: what a CSV field holds, not JavaScript's lenient `Number('')` = 0. */
export function toNumber(field: string): number | null {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(field)) return null;
  return Number(field);
}

/**
 * Builds a data set from CSV text.
 *
 * @example
 *   csvDataset('a,b,label\n1,2,cat\n3,4,dog\n', { file: 'pets.csv', target: 'label' })
 *   // x = [1,2,3,4], y = [0,1], classes ['cat','dog']
 */
export function csvDataset(text: string, opts: CsvOptions): Dataset {
  const { file } = opts;
  const rows = parseRows(text, file);
  if (rows.length === 0) throw new DatasetError(`${file} is empty: it needs a header line and at least one row`, { file });
  const [head, ...body] = rows;
  const header = head.fields;
  header.forEach((name, k) => {
    if (name === '') throw new DatasetError(`${file} line ${head.line}: column ${k + 1} of the header has no name`, { file, line: head.line });
    if (header.indexOf(name) !== k) {
      throw new DatasetError(`${file} line ${head.line}: two columns are named "${name}"`, { file, line: head.line });
    }
  });
  const targetName = opts.target ?? header[header.length - 1];
  const targetCol = header.indexOf(targetName);
  if (targetCol < 0) {
    throw new DatasetError(`${file} has no column "${targetName}"; its columns are ${header.map((h) => `"${h}"`).join(', ')}`, { file, line: head.line });
  }
  if (header.length < 2) throw new DatasetError(`${file} has no feature column besides the target "${targetName}"`, { file, line: head.line });
  if (body.length === 0) throw new DatasetError(`${file} has a header but no rows`, { file });

  const featureCols = header.map((_, k) => k).filter((k) => k !== targetCol);
  const f = featureCols.length;
  const n = body.length;
  const x = new Float32Array(n * f);
  const targets: string[] = [];
  body.forEach((row, i) => {
    if (row.fields.length !== header.length) {
      throw new DatasetError(`${file} line ${row.line}: ${row.fields.length} fields, but the header has ${header.length}`, { file, line: row.line });
    }
    featureCols.forEach((col, j) => {
      const v = toNumber(row.fields[col]);
      if (v === null) {
        const shown = row.fields[col] === '' ? 'empty' : `"${row.fields[col]}"`;
        throw new DatasetError(`${file} line ${row.line}: column "${header[col]}" is ${shown}, not a number`, { file, line: row.line });
      }
      x[i * f + j] = v;
    });
    const t = row.fields[targetCol];
    if (t === '') throw new DatasetError(`${file} line ${row.line}: the target "${targetName}" is empty`, { file, line: row.line });
    targets.push(t);
  });

  const firstName = targets.findIndex((t) => toNumber(t) === null);
  const kind = opts.want ?? (firstName < 0 ? 'regression' : 'classes');
  const base = { name: file, x, n, exampleShape: [f], featureNames: featureCols.map((k) => header[k]) };
  if (kind === 'regression') {
    if (firstName >= 0) {
      const line = body[firstName].line;
      throw new DatasetError(`${file} line ${line}: the target "${targetName}" is "${targets[firstName]}", not a number, and a regression (loss mse) needs numbers`, { file, line });
    }
    return { ...base, y: Float32Array.from(targets, Number), target: { kind: 'regression', size: 1 } };
  }
  // Numeric labels are compared as numbers, so "1" and "1.0" are one class and 10 sorts after 9.
  const key = firstName < 0 ? (t: string) => String(Number(t)) : (t: string) => t;
  const names = [...new Set(targets.map(key))];
  if (firstName < 0) names.sort((a, b) => Number(a) - Number(b));
  else names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (names.length < 2) {
    throw new DatasetError(`${file}: the target "${targetName}" has one class only ("${names[0]}"); a classifier needs at least two`, { file });
  }
  const index = new Map(names.map((name, k) => [name, k]));
  const y = Int32Array.from(targets, (t) => index.get(key(t)) as number);
  return { ...base, y, target: { kind: 'classes', classes: names.length, names } };
}

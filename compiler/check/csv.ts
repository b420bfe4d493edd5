/**
 * Reads a user's csv table far enough to type it: the header names the columns, every
 * column but the target must be numeric, and the target decides the task (numbers:
 * regression of size 1; names: classes, one per distinct name).
 */
import type { Shape, TargetKind } from '../graph/types.ts';

export interface CsvTable {
  header: string[];
  rows: string[][];
}

/** Splits csv text into rows of fields: commas, double-quoted fields with `""` escapes, LF or CRLF. */
export function parseCsv(text: string): CsvTable {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  while (i < src.length) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (ch === '"') { quoted = false; i++; continue; }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"') { quoted = true; i++; continue; }
    if (ch === ',') { row.push(field.trim()); field = ''; i++; continue; }
    if (ch === '\n' || ch === '\r') {
      row.push(field.trim());
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
      field = '';
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += ch;
    i++;
  }
  row.push(field.trim());
  if (row.length > 1 || row[0] !== '') rows.push(row);
  return { header: rows[0] ?? [], rows: rows.slice(1) };
}

export type CsvTyping =
  | { ok: true; exampleShape: Shape; target: TargetKind; targetColumn: string; features: string[]; classNames?: string[] }
  | { ok: false; problem: 'no-target'; column: string; columns: string[] }
  | { ok: false; problem: 'bad'; message: string };

const isNumber = (s: string) => s !== '' && Number.isFinite(Number(s));

export function typeCsv(table: CsvTable, target: string | null): CsvTyping {
  const { header, rows } = table;
  if (header.length < 2) return { ok: false, problem: 'bad', message: 'it needs a header row with at least two columns' };
  if (rows.length === 0) return { ok: false, problem: 'bad', message: 'it has a header but no rows' };
  const column = target ?? header[header.length - 1]!;
  const t = header.indexOf(column);
  if (t < 0) return { ok: false, problem: 'no-target', column, columns: header };
  for (let r = 0; r < rows.length; r++) {
    if (rows[r]!.length !== header.length) {
      return { ok: false, problem: 'bad', message: `row ${r + 2} has ${rows[r]!.length} fields but the header has ${header.length}` };
    }
  }
  const features = header.filter((_, c) => c !== t);
  for (let c = 0; c < header.length; c++) {
    if (c === t) continue;
    const r = rows.findIndex((row) => !isNumber(row[c]!));
    if (r >= 0) {
      return { ok: false, problem: 'bad', message: `column \`${header[c]}\` is a feature but row ${r + 2} holds \`${rows[r]![c]}\`, not a number` };
    }
  }
  const values = rows.map((row) => row[t]!);
  if (values.every(isNumber)) {
    return { ok: true, exampleShape: [features.length], target: { kind: 'regression', size: 1 }, targetColumn: column, features };
  }
  const classNames = [...new Set(values)].sort();
  if (classNames.length < 2) return { ok: false, problem: 'bad', message: `the target column \`${column}\` holds only one class` };
  return { ok: true, exampleShape: [features.length], target: { kind: 'classes', classes: classNames.length }, targetColumn: column, features, classNames };
}

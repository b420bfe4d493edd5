/**
 * Types a user's csv table for the checker: the header names the columns, every column
 * but the target must be numeric, and the target decides the task (numbers: regression of
 * size 1; names: classes, one per distinct name). The reading itself is the runtime's.
 */
import type { Shape, TargetKind } from '../graph/types.ts';
import { csvDataset, parseRows } from '../runtime/datasets/csv.ts';
import { DatasetError } from '../runtime/datasets/errors.ts';

export type CsvTyping =
  | { ok: true; exampleShape: Shape; target: TargetKind; targetColumn: string; features: string[]; classNames?: string[] }
  | { ok: false; problem: 'no-target'; column: string; columns: string[] }
  | { ok: false; problem: 'bad'; message: string };

/**
 * Types a csv file with the one csv reader (runtime/datasets/csv.ts), so the checker
 * refuses exactly what training refuses: a problem comes back as the reader's message,
 * naming the same line.
 */
export function typeCsv(text: string, file: string, target: string | null): CsvTyping {
  try {
    const head = parseRows(text, file)[0];
    if (head && target !== null && !head.fields.includes(target)) return { ok: false, problem: 'no-target', column: target, columns: head.fields };
    const ds = csvDataset(text, { file, ...(target !== null ? { target } : {}) });
    const features = ds.featureNames ?? [];
    const column = target ?? head!.fields[head!.fields.length - 1]!;
    return ds.target.kind === 'classes'
      ? { ok: true, exampleShape: ds.exampleShape, target: { kind: 'classes', classes: ds.target.classes }, targetColumn: column, features, classNames: ds.target.names }
      : { ok: true, exampleShape: ds.exampleShape, target: { kind: 'regression', size: 1 }, targetColumn: column, features };
  } catch (e) {
    if (!(e instanceof DatasetError)) throw e;
    return { ok: false, problem: 'bad', message: withoutFile(e.message, file) };
  }
}

/** `flowers.csv line 7: ...` as `line 7: ...`: DL0508's message names the file already. */
function withoutFile(message: string, file: string): string {
  if (message.startsWith(`${file}: `)) return message.slice(file.length + 2);
  return message.startsWith(`${file} `) ? message.slice(file.length + 1) : message;
}

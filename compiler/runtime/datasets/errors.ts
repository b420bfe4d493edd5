/**
 * A data set that cannot be built: a malformed or unreadable CSV, an unknown data set, a
 * bad option. The message names the problem and, for a file, where (`flowers.csv line 7:
 * ...`), so the CLI prints it with its code, without a stack trace. A problem inside a data
 * file is DL0508 (what `dlc check` reports for it); the others have entries of their own
 * (diagnostics/messages.ts `R_DATA`).
 */
import { CodedError, type TemplateArgs } from '../../diagnostics/coded-error.ts';
import { M, type RuntimeMessageDef } from '../../diagnostics/messages.ts';

export interface Where {
  file?: string;
  line?: number;
}

/** DL0508 as a runtime entry: the message is the reader's own (`file line N: ...`). */
const CSV_BAD: RuntimeMessageDef = { code: M.csvBad.code, severity: 'error', summary: '', template: '' };

export class DatasetError extends CodedError {
  /** The file the problem is in, when there is one. */
  readonly file: string | undefined;
  /** 1-based line of the file, when the problem is on one line. */
  readonly line: number | undefined;

  /** `new DatasetError(R_DATA.x, { ...fields }, where?)`, or a file's problem: `new DatasetError('f.csv line 3: ...', { file, line })`. */
  constructor(problem: RuntimeMessageDef | string, args: TemplateArgs | Where = {}, where: Where = {}) {
    const at = typeof problem === 'string' ? (args as Where) : where;
    super(problem, typeof problem === 'string' ? {} : (args as TemplateArgs), at.file !== undefined ? CSV_BAD : undefined);
    this.name = 'DatasetError';
    this.file = at.file;
    this.line = at.line;
  }
}

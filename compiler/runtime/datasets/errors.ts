/**
 * A data set that cannot be built: a malformed or unreadable CSV, an unknown data set, a
 * bad option. The message names the problem and, for a file, where (`flowers.csv line 7:
 * ...`), so the CLI prints it as it is, without a stack trace.
 */
export class DatasetError extends Error {
  /** The file the problem is in, when there is one. */
  readonly file: string | undefined;
  /** 1-based line of the file, when the problem is on one line. */
  readonly line: number | undefined;

  constructor(message: string, where: { file?: string; line?: number } = {}) {
    super(message);
    this.name = 'DatasetError';
    this.file = where.file;
    this.line = where.line;
  }
}

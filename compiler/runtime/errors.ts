/**
 * A problem the user can fix (weights that do not fit the net, data of the wrong shape, a
 * batch too small for batchnorm): the message says what and where, and the CLI prints it
 * as it is, without a stack trace.
 */
export class RuntimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuntimeError';
  }
}

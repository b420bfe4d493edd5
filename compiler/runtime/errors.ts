/**
 * A problem the user can fix (weights that do not fit the net, data of the wrong shape, a
 * batch too small for batchnorm): a catalogue entry (diagnostics/messages.ts `R_RUN`) whose
 * message says what and where, so the CLI prints its code and message, never a stack trace.
 */
import { CodedError, type Problem, type TemplateArgs } from '../diagnostics/coded-error.ts';

export class RuntimeError extends CodedError {
  constructor(problem: Problem, args: TemplateArgs = {}) {
    super(problem, args);
    this.name = 'RuntimeError';
  }
}

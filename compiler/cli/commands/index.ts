/**
 * The command registry: `dlc NAME` runs the command of that name. Adding a command is one
 * import and one entry here.
 */
import type { Command } from '../command.ts';
import { checkCommand } from './check.ts';
import { compileCommand } from './compile.ts';
import { exportCommand } from './export.ts';
import { fmtCommand } from './fmt.ts';
import { predictCommand } from './predict.ts';
import { summaryCommand } from './summary.ts';
import { trainCommand } from './train.ts';

export const COMMANDS: Command[] = [
  compileCommand,
  checkCommand,
  fmtCommand,
  summaryCommand,
  trainCommand,
  predictCommand,
  exportCommand,
];

/** Entry point of the `dlc` binary (bin/dlc.js imports this). */
import { nodeIo } from './io.ts';
import { runCli } from './run.ts';
import { fillTemplate, R_CLI } from '../diagnostics/messages.ts';
import { shown } from '../diagnostics/display.ts';

/** Exit status for a bug in dlc itself (EX_SOFTWARE from sysexits.h). */
const EXIT_INTERNAL = 70;

// A reader that stops early (\`dlc check x.dl | head -1\`) closes the pipe: that is not an
// error, so dlc stops quietly with status 0. A closed stderr only loses the messages.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
process.stderr.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
});

try {
  process.exitCode = await runCli(process.argv.slice(2), nodeIo());
} catch (e) {
  // Commands report every expected problem themselves; reaching here is a bug in dlc.
  // A user still gets one readable line, and the stack only when they ask for it.
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`dlc: error ${R_CLI.internal.code}: ${fillTemplate(R_CLI.internal.template, { message: shown(message, 400) })}\n`);
  if (process.env.DLC_DEBUG && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
  else process.stderr.write(`help: ${R_CLI.internal.help}\n`);
  process.exitCode = EXIT_INTERNAL;
}

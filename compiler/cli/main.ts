/** Entry point of the `dlc` binary (bin/dlc.js imports this). */
import { nodeIo } from './io.ts';
import { runCli } from './run.ts';

process.exitCode = await runCli(process.argv.slice(2), nodeIo());

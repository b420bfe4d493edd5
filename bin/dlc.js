#!/usr/bin/env node
// The `dlc` command. In this repository it runs the TypeScript sources through Node's type
// stripping; the package's build (build/bin/dlc.js) is this file with `.ts` rewritten to
// `.js`. It must parse and run on any old Node: it checks the version before it loads
// anything, because the sources need type stripping and Chevrotain 13 needs Object.groupBy.
var major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write('dlc needs Node.js 22 or later; this is ' + process.version + '\n');
  process.exit(2);
}
import('../compiler/cli/main.ts');

#!/usr/bin/env node
// The `dlc` command. The CLI is TypeScript run directly by Node's type stripping
// (Node >= 22.18), so there is no build step between editing and running.
import('../compiler/cli/main.ts');

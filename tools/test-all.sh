#!/bin/sh
# Every test from a fresh clone (`npm run test:all`, and CI's .ci/run): the system packages
# the tests need (installed, or reported at once), the npm dependencies, then `npm test`.
set -eu
cd "$(dirname "$0")/.."
sh tools/test-deps.sh
# npm ci first. The registry these machines reach lacks some other platforms' optional
# binaries (e.g. @astrojs/compiler-binding-darwin-arm64), so the lockfile cannot list them
# and npm ci may refuse it as out of sync; npm install then installs the same locked tree.
npm ci --no-audit --no-fund || npm install --no-audit --no-fund
npm test

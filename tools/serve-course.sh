#!/bin/sh
# The course from a fresh clone (`npm start`): the npm dependencies (Node 22 among them),
# the static site build, then a local server on http://localhost:4321. `astro preview` sends
# the COOP/COEP headers of docs/deployment.md (astro.config.mjs), so the page is cross-origin
# isolated as deployed.
set -eu
cd "$(dirname "$0")/.."
[ -d node_modules/astro ] || npm ci --no-audit --no-fund || npm install --no-audit --no-fund
npm run build
npm run preview

// The package's build (`npm run build:package`, run by `prepare`): tsc compiles compiler/,
// bin/ and integration/ to JavaScript and .d.ts in build/ (dist/ is the site's), rewriting
// `./x.ts` imports to `./x.js`. Files tsc does not emit, the integration's Astro components
// and styles, are copied beside them with the same rewrite, since Vite in the user's site
// compiles those and finds only the built .js files there.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'build');
const COPIED = /\.(astro|css|json)$/;
const SOURCES = ['compiler', 'integration'];

rmSync(OUT, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const result = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);

/** `'./x.ts'` -> `'./x.js'` in every relative string specifier (imports, `new URL(...)`). */
const rewrite = (text) => text.replace(/(['"])(\.{1,2}\/[^'"\n]*?)\.ts\1/g, '$1$2.js$1');

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

for (const source of SOURCES) {
  const dir = join(ROOT, source);
  if (!existsSync(dir)) continue;
  for (const file of files(dir)) {
    if (!COPIED.test(file)) continue;
    const target = join(OUT, relative(ROOT, file));
    if (existsSync(target)) continue; // a JSON module tsc already emitted
    mkdirSync(dirname(target), { recursive: true });
    if (file.endsWith('.astro')) writeFileSync(target, rewrite(readFileSync(file, 'utf8')));
    else copyFileSync(file, target);
  }
}

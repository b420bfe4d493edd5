// The package's build (`npm run build:package`, run by `prepare`): TypeScript compiles
// compiler/, bin/ and integration/ (tsconfig.build.json) to JavaScript and .d.ts in build/
// (dist/ is the site's), rewriting `./x.ts` imports to `./x.js`. Node never strips types
// inside node_modules, so everything Node runs must be built.
//
// The integration's Astro components are compiled by Vite in the user's site, not by tsc:
// they are copied with the same rewrite, and the scripts they load (the live island, its
// worker) become extra roots of the compilation, found by their relative `.ts` strings,
// until no new file turns up. Styles beside any compiled file are copied too.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'build');
const ASSETS = /\.(astro|css|json)$/;

/** `'./x.ts'` -> `'./x.js'` in every relative string specifier (imports, `new URL(...)`). */
const rewrite = (text) => text.replace(/(['"])(\.{1,2}\/[^'"\n]*?)\.ts\1/g, '$1$2.js$1');

/** Files the relative `.ts` strings of `file` name (imports, `new URL('./w.ts', ...)`). */
const tsReferences = (file) =>
  [...readFileSync(file, 'utf8').matchAll(/(['"])(\.{1,2}\/[^'"\n]*?\.ts)\1/g)]
    .map((m) => resolve(dirname(file), m[2]))
    .filter((path) => existsSync(path));

function* walk(dir) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

// A build of exactly these inputs is kept: an install from a git URL runs `prepare` twice
// (npm's install of the clone's dependencies, then again before packing it), and the second
// would redo the same minutes of compilation. The stamp is a hash of every input's content.
const INPUTS = ['compiler', 'bin', 'integration', 'site', 'tsconfig.build.json', 'tools/build-package.mjs', 'node_modules/typescript/package.json'];
const STAMP = join(OUT, '.inputs-sha256');
const hash = createHash('sha256');
for (const input of INPUTS) {
  const path = join(ROOT, input);
  const files = existsSync(path) && !input.includes('.') ? [...walk(path)].sort() : [path];
  for (const file of files) if (existsSync(file)) hash.update(`${relative(ROOT, file)}\0`).update(readFileSync(file)).update('\0');
}
const inputs = hash.digest('hex');
if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === inputs) {
  process.stderr.write('build/ is up to date with its inputs\n'); // stdout is `npm pack --json`'s
  process.exit(0);
}

const inRoot = (path) => path.startsWith(ROOT) && !path.includes(`${sep}node_modules${sep}`);

const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.build.json'), {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => {
    throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  },
});
const astroFiles = [...walk(join(ROOT, 'integration'))].filter((f) => f.endsWith('.astro'));
const roots = new Set(config.fileNames.map((f) => resolve(f)));
for (const file of astroFiles) for (const ref of tsReferences(file)) roots.add(ref);

let program;
for (;;) {
  program = ts.createProgram([...roots], config.options);
  const before = roots.size;
  for (const sf of program.getSourceFiles()) {
    const path = resolve(sf.fileName);
    if (inRoot(path) && !sf.isDeclarationFile) for (const ref of tsReferences(path)) roots.add(ref);
  }
  if (roots.size === before) break;
}

rmSync(OUT, { recursive: true, force: true });
// tsc rewrites import specifiers; the same rewrite reaches `new URL('./worker.ts', ...)`.
const emitted = program.emit(undefined, (name, text, bom) => ts.sys.writeFile(name, name.endsWith('.js') ? rewrite(text) : text, bom));
const diagnostics = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
if (diagnostics.length) {
  process.stderr.write(ts.formatDiagnosticsWithColorAndContext(diagnostics, {
    getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => '\n',
  }));
  process.exit(1);
}

// The Astro components, and the styles and data beside every compiled file.
const dirs = new Set([join(ROOT, 'integration')]);
for (const sf of program.getSourceFiles()) {
  const path = resolve(sf.fileName);
  if (inRoot(path) && !sf.isDeclarationFile) dirs.add(dirname(path));
}
for (const dir of dirs) {
  const files = dir === join(ROOT, 'integration') ? walk(dir) : readdirSync(dir).map((f) => join(dir, f));
  for (const file of files) {
    if (!ASSETS.test(file) || (file.endsWith('.astro') && !file.startsWith(join(ROOT, 'integration')))) continue;
    const target = join(OUT, relative(ROOT, file));
    if (existsSync(target)) continue; // a JSON module tsc already emitted
    mkdirSync(dirname(target), { recursive: true });
    if (file.endsWith('.astro')) writeFileSync(target, rewrite(readFileSync(file, 'utf8')));
    else copyFileSync(file, target);
  }
}
writeFileSync(STAMP, inputs);

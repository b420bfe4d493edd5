// The course site uses the compiler only through the package's entry points (`dlc`,
// `dlc/runtime`, `dlc/emit`): every import of every site file is resolved the way
// TypeScript resolves it (with the `dlc-source` condition the site builds with), and none may
// land inside compiler/ on anything but an entry module.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { expect, test } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const COMPILER = join(ROOT, 'compiler') + sep;

const OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  customConditions: ['dlc-source'],
  allowImportingTsExtensions: true,
  resolveJsonModule: true,
  allowJs: true,
};

/** The files package.json's `exports` name under the `dlc-source` condition. */
function entryFiles(): Set<string> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    exports: Record<string, string | { 'dlc-source'?: string }>;
  };
  const files = new Set<string>();
  for (const target of Object.values(pkg.exports)) {
    if (typeof target === 'object' && target['dlc-source']) files.add(resolve(ROOT, target['dlc-source']));
  }
  return files;
}

function* siteFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* siteFiles(path);
    else if (/\.(ts|mts|js|mjs|astro|mdx)$/.test(entry.name)) yield path;
  }
}

/** The module code of a file: all of a script, an .astro file's frontmatter and scripts, an .mdx file's ESM lines. */
function moduleCode(file: string): string {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.astro')) {
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
    const scripts = [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    return [front, ...scripts].join('\n');
  }
  if (file.endsWith('.mdx')) return text.split('\n').filter((l) => /^(import|export)\s/.test(l)).join('\n');
  return text;
}

/** Every module specifier of a file (static, dynamic with a literal, re-exports). */
function specifiers(file: string): string[] {
  return ts.preProcessFile(moduleCode(file), true, true).importedFiles.map((f) => f.fileName);
}

test('site/ reaches compiler/ only through the package entry points', () => {
  const entries = entryFiles();
  expect([...entries].map((f) => relative(ROOT, f))).toEqual(
    expect.arrayContaining(['compiler/index.ts', 'compiler/runtime/index.ts', 'compiler/emit/index.ts']),
  );
  const violations: string[] = [];
  const viaEntries = new Set<string>();
  for (const file of siteFiles(join(ROOT, 'site'))) {
    for (const spec of specifiers(file)) {
      const where = `${relative(ROOT, file)}: '${spec}'`;
      const resolved = ts.resolveModuleName(spec, file, OPTIONS, ts.sys).resolvedModule?.resolvedFileName;
      // .astro and asset imports are not TypeScript's to resolve; their path still counts.
      const path = resolved ?? (spec.startsWith('.') ? resolve(dirname(file), spec.replace(/\?.*$/, '')) : null);
      if (path === null) {
        if (spec === 'dlc' || spec.startsWith('dlc/')) violations.push(`${where} does not resolve`);
        continue;
      }
      if (!path.startsWith(COMPILER)) continue;
      if (entries.has(path)) viaEntries.add(spec);
      else violations.push(`${where} -> ${relative(ROOT, path)}`);
    }
  }
  expect(violations).toEqual([]);
  // The check saw the site's real imports: all three entry points are in use.
  expect([...viaEntries]).toEqual(expect.arrayContaining(['dlc', 'dlc/runtime', 'dlc/emit']));
});

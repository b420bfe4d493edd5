// What each built page makes the browser download before the reader does anything: its
// HTML, the stylesheets it links, and the JavaScript it runs at load (linked and inline
// scripts, island components, and every module those import statically). Dynamic
// `import()` is left out: that is code loaded on interaction. Flags a page over the JS
// budget or one that loads TensorFlow.js up front.
//
//   npm run build && npm run weight      (or: npx node bench/page-weight.ts [distDir])
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The lesson-page budget: compressed JavaScript before any interaction. */
export const JS_BUDGET_GZ = 100 * 1024;

/**
 * The playground's budget: it loads the editor and the compiler with the page (a lesson
 * loads them on interaction), still not TensorFlow.js, which comes only with Train.
 */
export const PLAYGROUND_JS_BUDGET_GZ = 300 * 1024;

/** The compressed-JavaScript budget of the page at this URL path. */
export function jsBudget(page: string): number {
  return page === '/playground/' ? PLAYGROUND_JS_BUDGET_GZ : JS_BUDGET_GZ;
}

/** Strings every TensorFlow.js core bundle keeps through minification (global keys). */
const TFJS_MARKERS = ['_tfengine', 'tfjsflags'];

export interface Bytes {
  raw: number;
  gz: number;
}

export interface PageWeight {
  /** URL path, e.g. `/lessons/forward-pass/`. */
  page: string;
  html: Bytes;
  css: Bytes;
  js: Bytes;
  /** Files (dist-relative URLs) or `inline` entries counted as JavaScript. */
  scripts: string[];
  loadsTfjs: boolean;
  /** This page's budget of compressed JavaScript (jsBudget). */
  budget: number;
  overBudget: boolean;
}

function bytes(content: string | Buffer): Bytes {
  const buffer = typeof content === 'string' ? Buffer.from(content) : content;
  return { raw: buffer.length, gz: gzipSync(buffer, { level: 9 }).length };
}

function add(a: Bytes, b: Bytes): Bytes {
  return { raw: a.raw + b.raw, gz: a.gz + b.gz };
}

function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'pagefind') out.push(...htmlFiles(path));
    } else if (name.endsWith('.html')) {
      out.push(path);
    }
  }
  return out.sort();
}

function pagePath(dist: string, file: string): string {
  const rel = relative(dist, file).split(sep).join('/');
  if (rel === 'index.html') return '/';
  if (rel.endsWith('/index.html')) return `/${rel.slice(0, -'index.html'.length)}`;
  return `/${rel}`;
}

function attr(tag: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

/** A URL as the page would request it, mapped to a file in dist; null for other origins. */
function localFile(dist: string, url: string, base: string): string | null {
  if (/^[a-z]+:/i.test(url) || url.startsWith('//')) return null;
  const clean = url.split(/[?#]/)[0];
  const path = clean.startsWith('/') ? join(dist, clean) : resolve(dirname(base), clean);
  return existsSync(path) && statSync(path).isFile() ? path : null;
}

/** Static `import ... from "x"`, `import "x"` and `export ... from "x"` in bundled code. */
const STATIC_IMPORT = /(?:^|[^\w$.])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"']+)["']/g;

/**
 * Measures one built page; `file` is its HTML in `dist`.
 *
 * ```ts
 * measurePage('dist', 'dist/index.html').js.gz; // compressed JS bytes loaded at start
 * ```
 */
export function measurePage(dist: string, file: string): PageWeight {
  const html = readFileSync(file, 'utf8');
  let css: Bytes = { raw: 0, gz: 0 };
  let js: Bytes = { raw: 0, gz: 0 };
  const scripts: string[] = [];
  const seen = new Set<string>();
  let loadsTfjs = false;

  const addJsFile = (path: string): void => {
    if (seen.has(path)) return;
    seen.add(path);
    const code = readFileSync(path, 'utf8');
    js = add(js, bytes(code));
    scripts.push(`/${relative(dist, path).split(sep).join('/')}`);
    if (TFJS_MARKERS.some((m) => code.includes(m))) loadsTfjs = true;
    for (const [, spec] of code.matchAll(STATIC_IMPORT)) {
      const dep = localFile(dist, spec, path);
      if (dep) addJsFile(dep);
    }
  };

  for (const [, tag, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const type = attr(tag, 'type');
    if (type && type !== 'module' && !type.includes('javascript')) continue; // JSON data, templates
    const src = attr(tag, 'src');
    if (src) {
      const path = localFile(dist, src, file);
      if (path) addJsFile(path);
    } else if (body.trim()) {
      js = add(js, bytes(body));
      scripts.push('inline');
      if (TFJS_MARKERS.some((m) => body.includes(m))) loadsTfjs = true;
    }
  }
  // Islands fetch their component and renderer as soon as their directive fires; every
  // directive counts, since a visible island at the top of the page loads at once.
  for (const [tag] of html.matchAll(/<astro-island\b[^>]*>/gi)) {
    for (const name of ['component-url', 'renderer-url', 'before-hydration-url']) {
      const url = attr(tag, name);
      const path = url ? localFile(dist, url, file) : null;
      if (path) addJsFile(path);
    }
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = (attr(tag, 'rel') ?? '').toLowerCase();
    const href = attr(tag, 'href');
    const path = href ? localFile(dist, href, file) : null;
    if (!path) continue;
    if (rel.split(/\s+/).includes('stylesheet')) css = add(css, bytes(readFileSync(path)));
    else if (rel === 'modulepreload') addJsFile(path);
  }
  for (const [, body] of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) css = add(css, bytes(body));

  const page = pagePath(dist, file);
  const budget = jsBudget(page);
  return {
    page,
    html: bytes(html),
    css,
    js,
    scripts,
    loadsTfjs,
    budget,
    overBudget: js.gz > budget,
  };
}

/** Every HTML page in `dist` (Pagefind's own files aside). */
export function measureSite(dist: string): PageWeight[] {
  return htmlFiles(dist).map((file) => measurePage(dist, file));
}

function kb(n: number): string {
  return (n / 1024).toFixed(1);
}

function report(weights: PageWeight[]): string {
  const rows = weights.map((w) => [
    w.page,
    `${kb(w.html.raw)} / ${kb(w.html.gz)}`,
    `${kb(w.css.raw)} / ${kb(w.css.gz)}`,
    `${kb(w.js.raw)} / ${kb(w.js.gz)}`,
    [w.overBudget && `JS over ${kb(w.budget)} KB gz`, w.loadsTfjs && 'loads TensorFlow.js'].filter(Boolean).join(', ') || 'ok',
  ]);
  const head = ['page', 'HTML KB raw / gz', 'CSS KB raw / gz', 'JS KB raw / gz', 'budget'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = resolve(process.argv[2] ?? 'dist');
  if (!existsSync(join(dist, 'index.html'))) {
    console.error(`No built site in ${dist}: run \`npm run build\` first.`);
    process.exit(2);
  }
  const weights = measureSite(dist);
  console.log(report(weights));
  const flagged = weights.filter((w) => w.overBudget || w.loadsTfjs);
  if (flagged.length > 0) {
    console.error(`\n${flagged.length} page(s) over budget: ${flagged.map((w) => w.page).join(', ')}`);
    process.exit(1);
  }
}

// bench/page-weight.ts on a small hand-made site: static imports count, dynamic ones do
// not, JSON data is not JavaScript, a TensorFlow.js bundle is recognised, and the
// playground has its own budget. Then the real built playground page against that budget.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { JS_BUDGET_GZ, PLAYGROUND_JS_BUDGET_GZ, measurePage, measureSite } from '../../bench/page-weight.ts';
import { builtSite } from './built-site.ts';

let dist: string;

beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), 'dlc-weight-'));
  mkdirSync(join(dist, '_astro'));
  mkdirSync(join(dist, 'lessons', 'a'), { recursive: true });
  mkdirSync(join(dist, 'lessons', 'b'), { recursive: true });
  mkdirSync(join(dist, 'playground'), { recursive: true });
  const files: Record<string, string> = {
    '_astro/entry.js': 'import{a}from"./shared.js";import"./side.js";const b=()=>import("./lazy.js");a(b);',
    '_astro/shared.js': 'export const a=(f)=>f;export*from"./deep.js";',
    '_astro/side.js': 'console.log("side")',
    '_astro/deep.js': 'export const d=1;',
    '_astro/lazy.js': 'globalThis._tfengine={};'.repeat(10),
    '_astro/tf.js': 'var e={};e._tfengine=1;',
    '_astro/site.css': 'body{color:red}',
    'index.html':
      '<html><head><link rel="stylesheet" href="/_astro/site.css"><script type="module" src="/_astro/entry.js"></script>' +
      '<script type="application/json">{"big":"data"}</script><script>var x=1;</script><style>p{margin:0}</style></head></html>',
    'lessons/a/index.html': '<html><head><script type="module" src="/_astro/tf.js"></script></head></html>',
    // Random base64 barely compresses: about 150 KB gzipped, between the two budgets.
    '_astro/editor.js': `export const e="${randomBytes(150 * 1024).toString('base64')}";`,
    'lessons/b/index.html': '<html><head><script type="module" src="/_astro/editor.js"></script></head></html>',
    'playground/index.html': '<html><head><script type="module" src="/_astro/editor.js"></script></head></html>',
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dist, name), content);
});

afterAll(() => rmSync(dist, { recursive: true, force: true }));

test('counts linked, statically imported and inline scripts, and leaves dynamic imports out', () => {
  const home = measureSite(dist).find((w) => w.page === '/')!;
  expect(home.scripts).toEqual(['/_astro/entry.js', '/_astro/shared.js', '/_astro/deep.js', '/_astro/side.js', 'inline']);
  const js = ['entry', 'shared', 'deep', 'side'].map((n) => readFileSync(join(dist, '_astro', `${n}.js`)));
  expect(home.js.raw).toBe(js.reduce((s, b) => s + b.length, 0) + 'var x=1;'.length);
  expect(home.js.gz).toBe(js.reduce((s, b) => s + gzipSync(b, { level: 9 }).length, 0) + gzipSync('var x=1;', { level: 9 }).length);
  expect(home.css.raw).toBe('body{color:red}'.length + 'p{margin:0}'.length);
  expect(home.loadsTfjs).toBe(false);
  expect(home.overBudget).toBe(false);
});

test('flags a page that loads TensorFlow.js at start', () => {
  const lesson = measureSite(dist).find((w) => w.page === '/lessons/a/')!;
  expect(lesson.loadsTfjs).toBe(true);
});

test('the playground may load up to 300 KB of compressed JavaScript, a lesson 100 KB', () => {
  const weights = measureSite(dist);
  const lesson = weights.find((w) => w.page === '/lessons/b/')!;
  const playground = weights.find((w) => w.page === '/playground/')!;
  expect(playground.js.gz).toBe(lesson.js.gz);
  expect(lesson.js.gz).toBeGreaterThan(JS_BUDGET_GZ);
  expect(lesson.js.gz).toBeLessThan(PLAYGROUND_JS_BUDGET_GZ);
  expect([lesson.budget, lesson.overBudget]).toEqual([JS_BUDGET_GZ, true]);
  expect([playground.budget, playground.overBudget]).toEqual([PLAYGROUND_JS_BUDGET_GZ, false]);
});

describe('the built playground page', () => {
  let site: string;
  beforeAll(() => {
    site = builtSite();
  });

  test('loads the editor and the compiler at start, within 300 KB gzipped, and no TensorFlow.js', () => {
    const w = measurePage(site, join(site, 'playground', 'index.html'));
    const code = w.scripts.filter((s) => s !== 'inline').map((s) => readFileSync(join(site, s), 'utf8')).join('\n');
    // CodeMirror's and the compiler's own strings: the editor really is counted.
    expect(code).toContain('cm-content');
    expect(code).toContain('cross_entropy');
    expect(w.loadsTfjs).toBe(false);
    expect(w.js.gz).toBeLessThanOrEqual(PLAYGROUND_JS_BUDGET_GZ);
    expect(w.overBudget).toBe(false);
    console.log(`/playground/ JS at start: ${(w.js.raw / 1024).toFixed(1)} KB raw, ${(w.js.gz / 1024).toFixed(1)} KB gzipped`);
  });
});

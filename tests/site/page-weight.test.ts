// bench/page-weight.ts on a small hand-made site: static imports count, dynamic ones do
// not, JSON data is not JavaScript, and a TensorFlow.js bundle is recognised.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { measureSite } from '../../bench/page-weight.ts';

let dist: string;

beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), 'dlc-weight-'));
  mkdirSync(join(dist, '_astro'));
  mkdirSync(join(dist, 'lessons', 'a'), { recursive: true });
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

/**
 * The lessons' static figures (site/components/figures/) show what the lessons' scripts
 * print: the figures compute their numbers at build time (tiny-backprop.ts,
 * optimizer-paths.ts, convolution.ts), this test runs the scripts with Debian's PyTorch
 * and holds the two equal, then reads the built pages to check that every number drawn
 * is one the script prints or sets, and that each figure is readable without JavaScript,
 * follows the theme's colours and has a text alternative.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { convolve, EDGE, IMAGE, maxPool } from '../../site/components/figures/convolution.ts';
import { optimiserPaths, show2, STEPS, valley } from '../../site/components/figures/optimizer-paths.ts';
import { show, tinyPass } from '../../site/components/figures/tiny-backprop.ts';
import { builtSite } from './built-site.ts';

const run = promisify(execFile);
const codeDir = join(import.meta.dirname, '../../site/content/lessons/code');
const printed = new Map<string, Promise<string>>();
/** What a script prints (OMP_NUM_THREADS=1: the machine is shared). */
function print(script: string): Promise<string> {
  if (!printed.has(script)) {
    const env = { ...process.env, OMP_NUM_THREADS: '1' };
    printed.set(script, run('/usr/bin/python3', [script], { cwd: codeDir, env, timeout: 300_000 }).then((r) => r.stdout));
  }
  return printed.get(script)!;
}

const NUMBER = /-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/g;
const numbers = (text: string) => (text.match(NUMBER) ?? []).map(Number);

describe('figure data equals what the scripts print', () => {
  it('the computation graph (lesson 3): forward values of 02-forward-pass.py, gradients of 03-backprop-by-hand.py', async () => {
    const forward = await print('02-forward-pass.py');
    const lists = (l: string) => [...l.matchAll(/\[([^\]]*)\]/g)].flatMap((m) => numbers(m[1]));
    const p0 = tinyPass();
    expect(lists(forward.split('\n')[0])).toEqual([...p0.z1, ...p0.a1].map((v) => Number(show(v))));
    expect(lists(forward.split('\n')[1])).toEqual([Number(show(p0.zOut))]);
    const out = await print('03-backprop-by-hand.py');
    const line = (start: string) => out.split('\n').find((l) => l.startsWith(start))!;
    const p = tinyPass();
    expect(numbers(line('prediction'))).toEqual([Number(p.yHat.toFixed(4)), Number(p.loss.toFixed(4))]);
    // The lists in brackets, in order: [dL/dz2], [dL/da1], [dL/dz1], [dW2], [dW1].
    expect(lists(line('error at the output'))).toEqual([Number(show(p.dzOut))]);
    expect(lists(line('sent back'))).toEqual([...p.da1, ...p.dz1].map((v) => Number(show(v))));
    expect(lists(line('by hand'))).toEqual([...p.dW2, ...p.dW1.flat()].map((v) => Number(show(v))));
  });

  it('the loss-surface paths (lesson 5): 05-optimizer-paths.py, line for line', async () => {
    const ours = optimiserPaths().flatMap((o) => {
      const shown = o.path.filter((_, i) => i > 0 && i % 5 === 0).map(([a, b]) => `(${show2(a)}, ${show2(b)})`).join('  ');
      const [a, b] = o.path[STEPS];
      return [`${o.name.padEnd(16)} every 5 steps: ${shown}`, `${''.padEnd(16)} after ${STEPS} steps f = ${valley(a, b).toFixed(4)}`];
    });
    expect((await print('05-optimizer-paths.py')).trimEnd().split('\n')).toEqual(ours);
  });

  it('the filter and pooling (lesson 10): feature map and pooled map of 10-convolution.py', async () => {
    const out = await print('10-convolution.py');
    const rows = [...out.matchAll(/^ +(\[.*\])$/gm)].map((m) => JSON.parse(m[1]) as number[]);
    const featureMap = convolve(IMAGE, EDGE);
    expect(rows).toEqual([...featureMap, ...maxPool(featureMap)]);
  });
});

/** The SVG figures of a built lesson page, by their data-figure name. */
function figures(html: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of html.matchAll(/<figure class="dl-figure"[\s\S]*?<\/figure>/g)) {
    const name = /data-figure="([^"]+)"/.exec(m[0])?.[1];
    if (name) found.set(name, m[0]);
  }
  return found;
}

/** The text a figure draws (its <text> elements but axis ticks), without the text alternative. */
const drawnText = (figure: string) =>
  [...figure.matchAll(/<text\b([^>]*)>([\s\S]*?)<\/text>/g)]
    .filter((m) => !m[1].includes('data-axis'))
    .map((m) => m[2].replace(/<[^>]+>/g, ' '))
    .join('\n');

const PAGES: { lesson: string; figures: Record<string, string[] | null> }[] = [
  // The graph's forward values are the forward pass of lesson 2's script.
  { lesson: '03-backpropagation', figures: { 'computation-graph': ['02-forward-pass.py', '03-backprop-by-hand.py'] } },
  { lesson: '05-learning-rate-and-adam', figures: { 'loss-contour': ['05-optimizer-paths.py'] } },
  { lesson: '11-convolutional-networks', figures: { 'conv-pool': ['10-convolution.py'] } },
  { lesson: '12-recurrent-networks', figures: { 'unrolled-rnn': null, 'lstm-cell': null } },
];

describe('figures on the built pages', () => {
  let dist: string;
  beforeAll(() => {
    dist = builtSite();
  }, 1_200_000);

  for (const page of PAGES) {
    for (const [name, sources] of Object.entries(page.figures)) {
      it(`${page.lesson}: ${name} is static SVG with a text alternative, in the theme's colours`, () => {
        const html = readFileSync(join(dist, 'lessons', page.lesson, 'index.html'), 'utf8');
        const figure = figures(html).get(name);
        expect(figure, `no ${name} figure on ${page.lesson}`).toBeDefined();
        const svg = /<svg\b[^>]*>/.exec(figure!)![0];
        expect(svg).toContain('role="img"');
        const labels = /aria-labelledby="([^"]+)"/.exec(svg)![1].split(' ');
        for (const id of labels) {
          const element = new RegExp(`<(title|desc) id="${id}">([\\s\\S]*?)</\\1>`).exec(figure!);
          expect(element?.[2].trim().length, `${id} names an empty or missing element`).toBeGreaterThan(20);
        }
        expect(figure).toMatch(/<figcaption[^>]*>\s*\S/);
        expect(figure).not.toContain('<script');
        // Colours come from the stylesheet (theme variables, currentColor), never the markup.
        expect(figure).not.toMatch(/(fill|stroke|color)="#|style="[^"]*#[0-9a-f]{3}/i);
      });

      if (!sources) continue;
      it(`${page.lesson}: every number ${name} draws is one its script prints or sets`, async () => {
        const html = readFileSync(join(dist, 'lessons', page.lesson, 'index.html'), 'utf8');
        const drawn = numbers(drawnText(figures(html).get(name)!));
        expect(drawn.length).toBeGreaterThan(5);
        const known = new Set<number>();
        for (const script of sources) {
          for (const n of numbers(await print(script))) known.add(n);
          for (const n of numbers(readFileSync(join(codeDir, script), 'utf8'))) known.add(n);
        }
        expect(drawn.filter((n) => !known.has(n))).toEqual([]);
      });
    }
  }
});

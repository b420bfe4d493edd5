/**
 * `npx node bench/first-epoch.ts [runs]`: how long a reader waits, in Debian's Chromium, from
 * clicking Train on a lesson island to the first epoch on the page. For every island with a
 * train block on every lesson, RUNS (default 5) times: a fresh browser context (nothing
 * cached, as on a first visit), load the lesson, scroll the island into view, click Train
 * 500 ms later (as a reader who came to train would), and time click -> first epoch shown.
 * Prints the median per island. The warm-up (site/islands/spec/warm-up.ts) starts the worker
 * and the wasm during those 500 ms.
 *
 * Uses the tests' build of the site (tests/site/built-site.ts), building it if stale.
 * Chromium runs with `--disable-gpu` (software WebGL), as on a machine without a usable GPU.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, serveDist } from '../tests/e2e/browser.ts';
import { builtSite } from '../tests/site/built-site.ts';

const RUNS = Number(process.argv[2] ?? 5);
const CLICK_AFTER_MS = 500;

interface Island {
  path: string;
  index: number;
  label: string;
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

function decode(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#10;/g, '\n').replace(/&amp;/g, '&');
}

/** Every island whose spec has a train block, on the lesson pages. */
function trainableIslands(dist: string): Island[] {
  const islands: Island[] = [];
  for (const file of htmlFiles(join(dist, 'lessons')).sort()) {
    const html = readFileSync(file, 'utf8');
    // Each island's root (and nothing else) carries its source, in page order.
    const sources = [...html.matchAll(/data-spec-source="([^"]*)"/g)];
    const path = file.slice(dist.length).replace(/index\.html$/, '');
    sources.forEach((m, index) => {
      const source = decode(m[1]);
      const train = /^\s*train\s+(\w+)\s+on\s+(\w+)/m.exec(source);
      if (train) islands.push({ path, index, label: `${path.replace(/\/$/, '').split('/').pop()} #${index} (${train[1]} on ${train[2]})` });
    });
  }
  return islands;
}

async function clickToFirstEpoch(browser: Browser, url: string, island: Island): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${url}${island.path}`, { waitUntil: 'load' });
    const root = page.locator('[data-spec-island]').nth(island.index);
    await root.locator('button[data-action="train"]').waitFor();
    await root.evaluate((el) => {
      const w = window as unknown as { clickAt: number; firstEpochAt: number };
      el.addEventListener('click', (e) => {
        if ((e.target as HTMLElement).closest('button[data-action="train"]') && !w.clickAt) w.clickAt = performance.now();
      }, { capture: true });
      new MutationObserver((records) => {
        for (const r of records) {
          const t = r.target as HTMLProgressElement;
          if (t.tagName === 'PROGRESS' && t.value > 0 && !w.firstEpochAt) w.firstEpochAt = performance.now();
        }
      }).observe(el, { subtree: true, attributes: true, attributeFilter: ['value'] });
      el.scrollIntoView({ block: 'center' });
    });
    await page.waitForTimeout(CLICK_AFTER_MS);
    await root.locator('button[data-action="train"]').click();
    await page.waitForFunction(() => (window as unknown as { firstEpochAt?: number }).firstEpochAt, undefined, { timeout: 180_000, polling: 50 });
    return await page.evaluate(() => {
      const w = window as unknown as { clickAt: number; firstEpochAt: number };
      return w.firstEpochAt - w.clickAt;
    });
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<void> {
  const dist = builtSite();
  const islands = trainableIslands(dist);
  const server = await serveDist(dist);
  const browser = await launchChromium();
  console.log(`click -> first epoch shown, Chromium headless (--disable-gpu), click ${CLICK_AFTER_MS} ms after the island is in view; median of ${RUNS} runs, ${new Date().toISOString()}`);
  const all: number[] = [];
  try {
    for (const island of islands) {
      const times: number[] = [];
      const failures: string[] = [];
      for (let i = 0; i < RUNS; i++) {
        try {
          times.push(await clickToFirstEpoch(browser, server.url, island));
        } catch (e) {
          // A crashed or stuck page on a loaded machine: said, not counted.
          failures.push((e instanceof Error ? e.message : String(e)).split('\n')[0]);
        }
      }
      if (times.length > 0) all.push(median(times));
      const failed = failures.length > 0 ? `   ${failures.length} failed (${failures[0]})` : '';
      console.log(`${island.label.padEnd(64)} median ${median(times).toFixed(0).padStart(6)} ms   runs ${times.map((t) => t.toFixed(0)).join(' ')}${failed}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`islands: ${all.length}; within 1 s: ${all.filter((t) => t <= 1000).length}; slowest median ${Math.max(...all).toFixed(0)} ms`);
}

await main();

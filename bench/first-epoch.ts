/**
 * `npx node bench/first-epoch.ts [runs] [--only TEXT] [--plain | --both] [--dist DIR]`: how
 * long a reader waits, in Debian's Chromium, from clicking Train on a lesson island to the
 * first epoch on the page. For every island with a train block on every lesson (or those
 * whose label contains TEXT), RUNS (default 5) times: a fresh browser context (nothing
 * cached, as on a first visit), load the lesson, scroll the island into view, click Train
 * 500 ms later (as a reader who came to train would), and time click -> first epoch shown.
 * Prints the median per island, and where the time went (medians, ms after the click; a
 * negative time happened before it): the worker's start, the wasm fetched, the backend
 * ready, the page posting the run (editor loaded, spec compiled), the run's message received, the data made, the first epoch reported by the worker
 * (the `dlc:` performance marks of site/islands/spec/train-job.ts). The warm-up
 * (site/islands/spec/warm-up.ts) starts the worker and the wasm during those 500 ms.
 *
 * The site is served with the headers of docs/deployment.md, so the page is cross-origin
 * isolated as `npm start` serves it; `--plain` leaves out COOP/COEP (no SharedArrayBuffer,
 * so no wasm threads), `--both` alternates the two per run and prints both.
 *
 * Uses the tests' build of the site (tests/site/built-site.ts), building it if stale.
 * Chromium runs with `--disable-gpu` (software WebGL), as on a machine without a usable GPU.
 * The last line, `goal first-epoch ...`, is what `npm run bench` collects.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, serveDist, type StaticServer } from '../tests/e2e/browser.ts';
import { deploymentHeaders, ISOLATION_HEADERS } from '../tools/deployment-headers.ts';
import { builtSite } from '../tests/site/built-site.ts';
import { compile } from '../compiler/index.ts';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const RUNS = Number(args.find((a, i) => /^\d+$/.test(a) && !/^--/.test(args[i - 1] ?? '')) ?? 5);
const ONLY = option('--only');
const MODES: Mode[] = flag('--both') ? ['isolated', 'plain'] : flag('--plain') ? ['plain'] : ['isolated'];
const CLICK_AFTER_MS = 500;
const GOAL_MS = 1000;
const IDLE_MS = 5000;

type Mode = 'isolated' | 'plain';

interface Island {
  path: string;
  index: number;
  label: string;
}

/** One run: click -> first epoch on the page, and the worker's milestones after the click. */
interface Run {
  ms: number;
  /** The page's `crossOriginIsolated`: wasm threads are possible. */
  isolated: boolean;
  steps: Record<string, number>;
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

/**
 * Every island whose spec compiles and has a train block, on the lesson pages (a lesson
 * also shows specs with a mistake to find, which never train).
 */
function trainableIslands(dist: string): Island[] {
  const islands: Island[] = [];
  for (const file of htmlFiles(join(dist, 'lessons')).sort()) {
    const html = readFileSync(file, 'utf8');
    // Each island's root (and nothing else) carries its source, in page order.
    const sources = [...html.matchAll(/data-spec-source="([^"]*)"/g)];
    const path = file.slice(dist.length).replace(/index\.html$/, '');
    sources.forEach((m, index) => {
      const train = compile(decode(m[1])).graph?.trains[0];
      if (train) islands.push({ path, index, label: `${path.replace(/\/$/, '').split('/').pop()} #${index} (${train.net} on ${train.dataset.name})` });
    });
  }
  return islands;
}

async function clickToFirstEpoch(browser: Browser, url: string, island: Island): Promise<Run> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    // When the page hands the run to the worker (after loading the editor and compiling).
    await page.addInitScript(() => {
      const send = Worker.prototype.postMessage;
      Worker.prototype.postMessage = function (this: Worker, ...a: Parameters<Worker['postMessage']>) {
        const w = window as unknown as { postedAt?: number };
        if ((a[0] as { type?: string })?.type === 'train' && w.postedAt === undefined) w.postedAt = performance.now();
        return send.apply(this, a);
      } as Worker['postMessage'];
    });
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
    const seen = await page.evaluate(() => {
      const w = window as unknown as { clickAt: number; firstEpochAt: number; postedAt?: number };
      return { origin: performance.timeOrigin, clickAt: w.clickAt, firstEpochAt: w.firstEpochAt, postedAt: w.postedAt, isolated: self.crossOriginIsolated };
    });
    // Where the time went, from the training worker's own clock (its resource timings and
    // marks), moved onto the page's clock and made relative to the click.
    const steps: Record<string, number> = {};
    if (seen.postedAt !== undefined) steps['posted'] = seen.postedAt - seen.clickAt;
    for (const worker of page.workers().filter((w) => w.url().includes('train-worker'))) {
      const inside = await worker.evaluate(() => ({
        origin: performance.timeOrigin,
        wasm: performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm')).map((e) => (e as PerformanceResourceTiming).responseEnd),
        marks: performance.getEntriesByType('mark').filter((m) => m.name.startsWith('dlc:')).map((m) => [m.name.slice(4), m.startTime] as const),
      })).catch(() => null);
      if (!inside || inside.marks.length === 0) continue;
      const at = (t: number) => inside.origin + t - seen.origin - seen.clickAt;
      steps['worker'] = at(0);
      if (inside.wasm.length > 0) steps['wasm'] = at(Math.max(...inside.wasm));
      for (const [name, t] of inside.marks) steps[name] ??= at(t);
    }
    return { ms: seen.firstEpochAt - seen.clickAt, isolated: seen.isolated, steps };
  } finally {
    await context.close();
  }
}

/**
 * Nothing on page load: a lesson with islands, open for IDLE_MS without input, fetches no
 * TensorFlow.js, no wasm and starts no worker. Returns the bytes it fetched in all, and
 * those of TensorFlow.js, wasm or a worker (which should be 0).
 */
async function idleBytes(browser: Browser, url: string, path: string): Promise<{ all: number; heavy: number; workers: number }> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    let all = 0;
    let heavy = 0;
    let workers = 0;
    const sizes: Promise<void>[] = [];
    page.on('worker', () => workers++);
    page.on('requestfinished', (r) => {
      sizes.push(r.sizes().then((s) => {
        const bytes = s.responseBodySize + s.responseHeadersSize;
        all += bytes;
        if (/\.wasm$|train-worker|tfjs|tf-backend/.test(r.url())) heavy += bytes;
      }));
    });
    await page.goto(`${url}${path}`, { waitUntil: 'load' });
    await page.waitForTimeout(IDLE_MS);
    await Promise.all(sizes);
    return { all, heavy, workers };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function breakdown(runs: Run[]): string {
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.steps)))];
  return names.map((n) => `${n} ${median(runs.flatMap((r) => (n in r.steps ? [r.steps[n]] : []))).toFixed(0)}`).join(', ');
}

async function main(): Promise<void> {
  const dist = option('--dist') ?? builtSite();
  const islands = trainableIslands(dist).filter((i) => ONLY === undefined || i.label.includes(ONLY));
  const headers = deploymentHeaders();
  const plainHeaders = Object.fromEntries(Object.entries(headers).filter(([k]) => !(ISOLATION_HEADERS as readonly string[]).includes(k)));
  const servers: Record<Mode, StaticServer> = {
    isolated: await serveDist(dist, headers),
    plain: await serveDist(dist, plainHeaders),
  };
  const browser = await launchChromium();
  console.log(`click -> first epoch shown, Chromium headless (--disable-gpu), click ${CLICK_AFTER_MS} ms after the island is in view; median of ${RUNS} runs; served ${MODES.join(' / ')} (isolated: docs/deployment.md's headers; plain: without COOP/COEP); ${new Date().toISOString()}`);
  const all: Record<Mode, number[]> = { isolated: [], plain: [] };
  try {
    if (islands.length > 0) {
      const idle = await idleBytes(browser, servers[MODES[0]].url, islands[0].path);
      console.log(`idle: ${islands[0].path} open ${IDLE_MS} ms without input fetched ${idle.all} bytes, ${idle.heavy} bytes of TensorFlow.js, wasm or worker; ${idle.workers} worker(s) started (goal: 0)`);
    }
    for (const island of islands) {
      const runs: Record<Mode, Run[]> = { isolated: [], plain: [] };
      const failures: string[] = [];
      for (let i = 0; i < RUNS; i++) {
        // Alternating, and swapping who goes first, so a burst of load hits both alike.
        for (const mode of i % 2 ? [...MODES].reverse() : MODES) {
          try {
            runs[mode].push(await clickToFirstEpoch(browser, servers[mode].url, island));
          } catch (e) {
            // A crashed or stuck page on a loaded machine: said, not counted.
            failures.push(`${mode}: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
          }
        }
      }
      for (const mode of MODES) {
        const times = runs[mode].map((r) => r.ms);
        if (times.length > 0) all[mode].push(median(times));
        const isolated = runs[mode].length > 0 ? `, crossOriginIsolated ${runs[mode].every((r) => r.isolated)}` : '';
        console.log(`${island.label.padEnd(56)} ${mode.padEnd(8)} median ${median(times).toFixed(0).padStart(6)} ms   runs ${times.map((t) => t.toFixed(0)).join(' ')}`);
        console.log(`${''.padEnd(56)}          after the click (medians, ms${isolated}): ${breakdown(runs[mode])}`);
      }
      if (failures.length > 0) console.log(`${''.padEnd(56)} ${failures.length} failed (${failures[0]})`);
    }
  } finally {
    await browser.close();
    await servers.isolated.close();
    await servers.plain.close();
  }
  for (const mode of MODES) {
    const medians = all[mode];
    const slowest = Math.max(...medians);
    console.log(`goal first-epoch (${mode}): slowest island median ${slowest.toFixed(0)} ms, ${(slowest / GOAL_MS).toFixed(2)}x the goal of ${GOAL_MS} ms; ${medians.filter((t) => t <= GOAL_MS).length} of ${medians.length} islands within it`);
  }
}

await main();

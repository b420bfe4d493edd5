/**
 * `npx node bench/browser-train.ts` (after `npm run build`): training in the browser, per
 * backend, on the lesson's Iris spec in Debian's Chromium, as a reader meets it.
 *
 * - cold: on a freshly loaded lesson whose editor is open (to choose the backend), from
 *   clicking Train to the first epoch on the page: the worker, TensorFlow.js, the backend
 *   and the data all load;
 * - warm: the same for a second run on the same page (everything loaded);
 * - throughput: epochs per second (Iris trains full-batch, so also steps per second)
 *   between the first and the last epoch the page shows, on the warm run.
 *
 * Chromium runs headless with `--disable-gpu`, so WebGL is SwiftShader's software
 * rasteriser: slower than a real GPU, and a lower bound for it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchChromium, serveDist } from '../tests/e2e/browser.ts';

const DIST = fileURLToPath(new URL('../dist', import.meta.url));
const IRIS = '[data-spec-island][data-spec-source*="train Iris on iris"]';
const BACKENDS = ['webgl', 'wasm', 'cpu'];

interface Timing {
  firstEpochMs: number;
  epochs: number;
  epochsPerSecond: number;
  testAccuracy: string;
  backendUsed: string;
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

function irisPage(): string {
  const file = htmlFiles(DIST).find((f) => readFileSync(f, 'utf8').includes('train Iris on iris'));
  if (!file) throw new Error('no page in dist/ embeds the Iris spec');
  return file.slice(DIST.length).replace(/index\.html$/, '');
}

/** Records, on the page's clock, the Train click and every change of the epoch progress bar. */
async function instrument(page: Page): Promise<void> {
  await page.evaluate((selector) => {
    const root = document.querySelector(selector)!;
    const w = window as unknown as { clickAt: number; progress: Array<[number, number]> };
    w.progress = [];
    root.addEventListener('click', (e) => {
      if ((e.target as HTMLElement).closest('button[data-action="train"]')) w.clickAt = performance.now();
    }, { capture: true });
    new MutationObserver((records) => {
      for (const r of records) {
        const value = Number((r.target as HTMLProgressElement).value);
        if ((r.target as Element).tagName === 'PROGRESS' && value > 0) w.progress.push([performance.now(), value]);
      }
    }).observe(root, { subtree: true, attributes: true, attributeFilter: ['value'] });
  }, IRIS);
}

/** Clicks Train and times the run until the page is idle again. */
async function timedRun(page: Page): Promise<Timing> {
  const island = page.locator(IRIS);
  await page.evaluate(() => {
    (window as unknown as { progress: Array<[number, number]> }).progress = [];
  });
  const mount = island.locator('[data-spec-live]');
  const before = await mount.getAttribute('data-runs-done');
  await island.getByRole('button', { name: 'Train', exact: true }).click();
  await page.waitForFunction(
    ([selector, runs]) => document.querySelector(`${selector} [data-spec-live]`)?.getAttribute('data-runs-done') !== runs,
    [IRIS, before] as const,
    { timeout: 600_000, polling: 200 },
  );
  const { clickAt, progress } = await page.evaluate(() => {
    const w = window as unknown as { clickAt: number; progress: Array<[number, number]> };
    return { clickAt: w.clickAt, progress: w.progress };
  });
  // The worker sends epochs a few at a time; the bar's value says how many are done.
  const [t0, e0] = progress[0];
  const [t1, e1] = progress[progress.length - 1];
  return {
    firstEpochMs: t0 - clickAt,
    epochs: e1,
    epochsPerSecond: t1 > t0 ? (e1 - e0) / ((t1 - t0) / 1000) : NaN,
    testAccuracy: (await mount.getAttribute('data-test-accuracy')) ?? '-',
    backendUsed: (await mount.getAttribute('data-backend-used')) ?? '-',
  };
}

async function main(): Promise<void> {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/ is missing: run `npm run build` first');
  const path = irisPage();
  const server = await serveDist(DIST);
  const browser = await launchChromium();
  const rows: string[][] = [];
  try {
    for (const backend of BACKENDS) {
      // A fresh context per backend: nothing cached, a new worker, as on a first visit.
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}${path}`);
      // Choosing the backend needs the live controls, which load on first interaction.
      await page.locator(IRIS).getByRole('button', { name: 'Edit' }).click();
      await page.locator(`${IRIS} select`).first().selectOption(backend);
      await instrument(page);
      const cold = await timedRun(page);
      const warm = await timedRun(page);
      rows.push([
        backend,
        warm.backendUsed,
        cold.firstEpochMs.toFixed(0),
        warm.firstEpochMs.toFixed(0),
        `${warm.epochsPerSecond.toFixed(1)}`,
        `${warm.epochs}`,
        warm.testAccuracy,
      ]);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const head = ['backend', 'used', 'first epoch cold (ms)', 'first epoch warm (ms)', 'epochs/s (= steps/s)', 'epochs', 'test acc'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  console.log(`Iris (${path}), Chromium headless, ${new Date().toISOString()}`);
  console.log(line(head));
  for (const r of rows) console.log(line(r));
  console.log('cold: worker, TensorFlow.js, backend start-up and data included (the editor was already open); warm: a second run on the same page.');
}

await main();

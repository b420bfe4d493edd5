// The lesson interactives in the built site, in Debian's Chromium: each renders before any
// script runs, loads no TensorFlow.js until the learner asks, runs its computation in the
// page's training worker (the real runtime on WASM; the same worker a spec island trains
// in, so TensorFlow.js loads once a page), shows results that say what the run did, follows
// the dark theme, and logs no console errors.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium } from './browser.ts';

const site = inject('siteUrl');
const poll = expect.poll;
const RUN_TIMEOUT = 240_000;

let browser: Browser;
let context: BrowserContext;

interface Watched {
  problems: string[];
  /** Script URLs requested so far (module chunks, workers). */
  scripts: string[];
}

/** Records console errors, uncaught exceptions, failed requests and every script fetched. */
function watch(page: Page): Watched {
  const w: Watched = { problems: [], scripts: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') w.problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => w.problems.push(`exception: ${err.message}`));
  page.on('requestfailed', (req) => {
    // A navigation cancels the previous page's pending requests: not a broken link.
    if (req.failure()?.errorText === 'net::ERR_ABORTED') return;
    w.problems.push(`failed: ${req.url()} ${req.failure()?.errorText}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) w.problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  page.on('request', (req) => {
    if (/\.(js|mjs|wasm)(\?|$)/.test(req.url())) w.scripts.push(req.url());
  });
  // Workers' own console errors and exceptions.
  page.on('worker', (worker) => {
    worker.on('console', (msg) => {
      if (msg.type() === 'error') w.problems.push(`worker console: ${msg.text()}`);
    });
  });
  return w;
}

const heavy = (w: Watched) => w.scripts.filter((u) => /train-worker|tfjs|\.wasm/.test(u));

async function open(path: string): Promise<{ page: Page; watched: Watched }> {
  const page = await context.newPage();
  const watched = watch(page);
  await page.goto(`${site}${path}`, { waitUntil: 'networkidle' });
  return { page, watched };
}

/** Clicks the interactive's Run button and waits for its status to say it is done. */
async function run(page: Page, root: string): Promise<string> {
  await page.click(`${root} [data-run]`);
  await page.waitForSelector(`${root} [data-status][data-state="done"], ${root} [data-status][data-state="failed"]`, { timeout: RUN_TIMEOUT });
  const text = (await page.textContent(`${root} [data-status]`)) ?? '';
  expect(await page.getAttribute(`${root} [data-status]`, 'data-state'), text).toBe('done');
  return text;
}

/** Number of drawn lines (path elements) in the interactive's charts. */
function pathCount(page: Page, selector: string): Promise<number> {
  return page.locator(`${selector} path`).count();
}

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1000, height: 900 }, colorScheme: 'light' });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe('static first', () => {
  test('without JavaScript every interactive shows its picture: plots, the whole forward pass, the data', async () => {
    const off = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await off.newPage();
      await page.goto(`${site}/lessons/06-activation-functions/`);
      expect(await page.locator('[data-interactive="activation-plots"] svg').count()).toBe(5);
      expect(await page.locator('[data-interactive="activation-plots"] table tbody tr').count()).toBe(5);
      expect(await page.locator('[data-interactive="no-activation"] circle').count()).toBeGreaterThanOrEqual(200);
      await page.goto(`${site}/lessons/02-the-forward-pass/`);
      const steps = await page.locator('[data-interactive="forward-pass-stepper"] [data-all]').innerText();
      expect(steps).toContain('z = (−0.5) × 2 + 0.25 × 1 + 0.5 = −0.25');
      expect(steps).toContain('0.4013');
      await page.goto(`${site}/lessons/03-backpropagation/`);
      expect(await page.locator('[data-interactive="gradient-view"] table tbody tr').count()).toBe(9);
      await page.goto(`${site}/lessons/04-gradient-descent/`);
      expect(await page.locator('[data-interactive="gd-variants"] circle').count()).toBeGreaterThan(100);
      await page.goto(`${site}/lessons/13-why-deep-learning-works/`);
      expect(await page.locator('[data-interactive="growing-width"] svg').count()).toBe(6);
    } finally {
      await off.close();
    }
  });
});

describe('no runtime before interaction', () => {
  test.each([
    '/lessons/02-the-forward-pass/',
    '/lessons/03-backpropagation/',
    '/lessons/04-gradient-descent/',
    '/lessons/05-learning-rate-and-adam/',
    '/lessons/06-activation-functions/',
    '/lessons/12-recurrent-networks/',
    '/lessons/13-why-deep-learning-works/',
  ])('%s loads no worker, TensorFlow.js or WebAssembly until a Run', async (path) => {
    const { page, watched } = await open(path);
    expect(heavy(watched)).toEqual([]);
    await page.mouse.wheel(0, 20_000);
    await page.waitForTimeout(300);
    // Scrolled into view, a spec island with a train block may warm the page's training
    // worker (docs/architecture.md, "Warm-up"): one worker at most, and none on a page
    // without such an island; the interactives still wait for a Run.
    const islands = await page.locator('[data-spec-island]').count();
    expect(heavy(watched).filter((u) => u.includes('train-worker')).length).toBeLessThanOrEqual(islands > 0 ? 1 : 0);
    expect(watched.problems).toEqual([]);
    await page.close();
  });
});

describe('page-only interactives', () => {
  test('activation plots: the slider moves x, the markers and the table follow, from the keyboard too', async () => {
    const { page, watched } = await open('/lessons/06-activation-functions/');
    const root = '[data-interactive="activation-plots"]';
    const slider = page.locator(`${root} [data-x]`);
    await slider.focus();
    const before = await page.locator(`${root} table`).innerText();
    await page.keyboard.press('Home');
    await poll(() => page.textContent(`${root} [data-x-out]`)).toBe('x = -4.00');
    const table = await page.locator(`${root} table`).innerText();
    expect(table).not.toBe(before);
    expect(table).toMatch(/ReLU\s+0\.0000\s+0\.0000/);
    expect(await page.locator(`${root} svg`).first().getAttribute('aria-label')).toContain('x = -4.00');
    expect(watched.problems).toEqual([]);
    expect(heavy(watched)).toEqual([]);
    await page.close();
  });

  test('forward-pass stepper: steps through the lesson pass, then recomputes for a new input', async () => {
    const { page, watched } = await open('/lessons/02-the-forward-pass/');
    const root = '[data-interactive="forward-pass-stepper"]';
    const status = page.locator(`${root} [data-status]`);
    await poll(() => status.innerText()).toContain('Step 1 of 5');
    expect(await page.isDisabled(`${root} [data-prev]`)).toBe(true);
    await page.click(`${root} [data-next]`);
    await poll(() => status.innerText()).toContain('unit 1: z = (−0.5) × 2 + 0.25 × 1 + 0.5 = −0.25');
    for (let i = 0; i < 3; i++) await page.click(`${root} [data-next]`);
    await poll(() => status.innerText()).toContain('The prediction is 0.4013');
    expect(await page.isDisabled(`${root} [data-next]`)).toBe(true);
    // x1 = -2 switches hidden unit 2 off and unit 1 on: z1 = 1 + 0.25 + 0.5 = 1.75, z2 = -3 + 0.5 - 1 = -3.5.
    await page.fill(`${root} [data-input="0"]`, '-2');
    await page.click(`${root} [data-reset]`);
    await page.click(`${root} [data-next]`);
    await poll(() => status.innerText()).toContain('= 1.75');
    expect(await status.innerText()).toContain('= −3.5');
    expect(watched.problems).toEqual([]);
    expect(heavy(watched)).toEqual([]);
    await page.close();
  });
});

describe('runtime interactives', () => {
  test("gradient view: one backward pass gives the lesson's gradients; a new answer runs again", async () => {
    const { page, watched } = await open('/lessons/03-backpropagation/');
    const root = '[data-interactive="gradient-view"]';
    // From the keyboard: focus the button and press Enter.
    await page.focus(`${root} [data-run]`);
    await page.keyboard.press('Enter');
    await page.waitForSelector(`${root} [data-status][data-state="done"]`, { timeout: RUN_TIMEOUT });
    expect(await page.textContent(`${root} [data-status]`)).toContain('Prediction 0.4013 for the answer 1, loss 0.913');
    const table = await page.locator(`${root} table`).innerText();
    expect(table).toMatch(/layers\.2\.weight\[0\]\[1\]\s+−0\.4\s+−1\.4967\s+up/);
    expect(table).toMatch(/layers\.0\.weight\[1\]\[0\]\s+1\.5\s+0\.479\s+down/);
    expect(heavy(watched).some((u) => u.includes('train-worker'))).toBe(true);
    await page.evaluate(() => document.querySelector('[data-interactive="gradient-view"] [data-status]')!.removeAttribute('data-state'));
    await page.selectOption(`${root} [data-target]`, '0');
    await page.waitForSelector(`${root} [data-status][data-state="done"]`, { timeout: RUN_TIMEOUT });
    expect(await page.textContent(`${root} [data-status]`)).toContain('for the answer 0');
    expect(await page.locator(`${root} table`).innerText()).toMatch(/layers\.2\.bias\[0\]\s+0\.6\s+0\.4013\s+down/);
    expect(watched.problems).toEqual([]);
    await page.close();
  });

  test('gradient-descent variants: three curves, batch far from the best line, mini-batch near it', async () => {
    const { page, watched } = await open('/lessons/04-gradient-descent/');
    const root = '[data-interactive="gd-variants"]';
    const text = await run(page, root);
    expect(text).toMatch(/batch: all 1000 points per update: 5 updates/);
    expect(text).toMatch(/stochastic: 1 point per update: 5000 updates/);
    expect(text).toMatch(/mini-batch: 32 points per update: 160 updates/);
    const loss = (label: RegExp) => parseFloat(label.exec(text)?.[1] ?? '');
    const full = loss(/5 updates, loss ([\d.]+)/);
    const mini = loss(/160 updates, loss ([\d.]+)/);
    const best = loss(/Best line: ([\d.]+)/);
    expect(full).toBeGreaterThan(5 * best);
    expect(mini).toBeLessThan(1.02 * best);
    expect(await pathCount(page, `${root} [data-loss-chart]`)).toBe(3);
    expect(watched.problems).toEqual([]);
    await page.close();
  });

  test('learning rate: the slider picks the rate and the verdict comes from the run', async () => {
    const { page, watched } = await open('/lessons/05-learning-rate-and-adam/');
    const root = '[data-interactive="learning-rate"]';
    // Moves the slider as dragging does (input events only), so the Run click starts the run.
    const choose = (value: string) =>
      page.evaluate((v) => {
        const r = document.querySelector('[data-interactive="learning-rate"]')!;
        r.querySelector('[data-status]')!.removeAttribute('data-state');
        const slider = r.querySelector<HTMLInputElement>('[data-lr]')!;
        slider.value = v;
        slider.dispatchEvent(new Event('input', { bubbles: true }));
      }, value);
    const expectations: Array<[string, string, string]> = [
      ['0', '0.001', 'crawling'],
      ['8', '0.9', 'overshooting'],
      ['10', '1.1', 'diverging'],
      ['4', '0.1', 'settled'],
    ];
    for (const [index, lr, verdict] of expectations) {
      await choose(index);
      expect(await page.textContent(`${root} [data-lr-out]`)).toBe(lr);
      const text = await run(page, root);
      expect(text).toContain(`Learning rate ${lr}.`);
      expect(await page.getAttribute(root, 'data-verdict')).toBe(verdict);
      expect(await page.locator(`${root} [data-loss-chart] circle`).count()).toBe(26);
    }
    expect(watched.problems).toEqual([]);
    await page.close();
  });

  test('SGD against Adam: both curves, both boundaries, Adam ahead at the default rate', async () => {
    const { page, watched } = await open('/lessons/05-learning-rate-and-adam/');
    const root = '[data-interactive="sgd-vs-adam"]';
    const text = await run(page, root);
    const acc = (name: string) => Number(new RegExp(`${name}: loss [\\d.]+, test accuracy ([\\d.]+)%`).exec(text)?.[1]);
    expect(acc('Adam')).toBeGreaterThan(85);
    expect(acc('SGD')).toBeLessThan(70);
    expect(await pathCount(page, `${root} [data-loss-chart]`)).toBe(2);
    expect(await page.locator(`${root} [data-boundaries] canvas`).count()).toBe(2);
    expect(watched.problems).toEqual([]);
    await page.close();
  });

  test('no activation: the linear net ends at the best straight line, tanh far below', async () => {
    const { page, watched } = await open('/lessons/06-activation-functions/');
    const root = '[data-interactive="no-activation"]';
    const text = await run(page, root);
    const value = (re: RegExp) => parseFloat(re.exec(text)?.[1] ?? '');
    const linear = value(/no activations: loss ([\d.e-]+)/);
    const tanh = value(/with tanh: loss ([\d.e-]+)/);
    const best = value(/best straight line: ([\d.e-]+)/);
    expect(linear).toBeLessThan(best * 1.03);
    expect(linear).toBeGreaterThan(best * 0.999);
    expect(tanh).toBeLessThan(best / 50);
    expect(await pathCount(page, `${root} [data-fit-chart]`)).toBe(3);
    expect(watched.problems).toEqual([]);
    await page.close();
  });

  test('RNN and LSTM: the gradient reaching step 1 is a vanishing fraction of step 40 for both', async () => {
    const { page, watched } = await open('/lessons/12-recurrent-networks/');
    const root = '[data-interactive="rnn-lstm-gradients"]';
    const text = await run(page, root);
    for (const cell of ['plain RNN', 'LSTM']) {
      const ratio = Number(new RegExp(`${cell}: step 1 gets ([\\d.e+-]+) of what step 40 gets`).exec(text)?.[1]);
      expect(ratio, text).toBeLessThan(1e-5);
    }
    expect(await page.locator(`${root} [data-chart] circle`).count()).toBe(80);
    expect(watched.problems).toEqual([]);
    await page.close();
  });

  test('growing width: a curve per width, the widest fitting far closer than one unit', async () => {
    const { page, watched } = await open('/lessons/13-why-deep-learning-works/');
    const root = '[data-interactive="growing-width"]';
    const text = await run(page, root);
    const mse = (w: number) => Number(new RegExp(`width ${w}: mean squared error ([\\d.e-]+)`).exec(text)?.[1]);
    expect(mse(32)).toBeLessThan(mse(1) / 100);
    expect(await pathCount(page, `${root} [data-figures]`)).toBe(6);
    expect(watched.problems).toEqual([]);
    await page.close();
  });

  test('one worker serves the page: a demonstration runs in it, then the spec island trains in it', async () => {
    const { page, watched } = await open('/lessons/13-why-deep-learning-works/');
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    // The demonstration's job reports epochs from the worker; stopped there, to keep this short.
    const root = '[data-interactive="growing-width"]';
    await page.click(`${root} [data-run]`);
    await poll(() => page.textContent(`${root} [data-status]`), { timeout: RUN_TIMEOUT }).toContain('epoch');
    await page.click(`${root} [data-run]`);
    await poll(() => page.textContent(`${root} [data-status]`), { timeout: RUN_TIMEOUT }).toMatch(/^Stopped/);
    const island = page.locator('[data-spec-island][data-spec-source*="train"]').first();
    const mount = island.locator('[data-spec-live]');
    await island.getByRole('button', { name: 'Train' }).click();
    await poll(() => mount.getAttribute('data-runs-done'), { timeout: RUN_TIMEOUT }).toBe('1');
    expect(await island.locator('.dl-status').textContent()).toMatch(/^Done: \d+ epochs/);
    // One worker script fetched and started once: TensorFlow.js loaded once for both.
    expect(workers).toHaveLength(1);
    expect(workers[0]).toContain('train-worker');
    expect(heavy(watched).filter((u) => u.includes('train-worker'))).toHaveLength(1);
    expect(watched.problems).toEqual([]);
    await page.close();
  });

  test('a run can be stopped, and the dark theme recolours the charts', async () => {
    const { page, watched } = await open('/lessons/13-why-deep-learning-works/');
    const root = '[data-interactive="growing-width"]';
    await page.click(`${root} [data-run]`);
    await poll(() => page.textContent(`${root} [data-run]`), { timeout: RUN_TIMEOUT }).toBe('Stop');
    await poll(() => page.textContent(`${root} [data-status]`), { timeout: RUN_TIMEOUT }).toContain('epoch');
    await page.click(`${root} [data-run]`);
    await poll(() => page.textContent(`${root} [data-status]`), { timeout: RUN_TIMEOUT }).toMatch(/^Stopped/);
    expect(await page.textContent(`${root} [data-run]`)).toBe('Train every width');

    const stroke = () => page.evaluate(() => getComputedStyle(document.querySelector('[data-interactive="growing-width"] .chart-grid')!).stroke);
    const light = await stroke();
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    expect(await stroke()).not.toBe(light);
    expect(watched.problems).toEqual([]);
    await page.close();
  });
});

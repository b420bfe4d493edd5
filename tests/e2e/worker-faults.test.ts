// The live spec island recovers from every fault of its training worker, in Debian's
// Chromium: a lost WebGL context (forced with WEBGL_lose_context inside the worker) lets
// the run continue on WebAssembly from its last snapshot; a worker that closes goes quiet,
// and the page offers to keep waiting or stop it; an uncaught error mid-run ends the run
// with "the training worker stopped" (not "could not start"); and Stop ends a worker that
// is stuck in a long computation. After each fault the history and the last snapshot's
// weights are kept, and Train works again.
import type { Browser, Locator, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { decodeSafetensors } from '../../compiler/emit/safetensors.ts';
import { launchChromium, sitemapPaths } from './browser.ts';

const site = inject('siteUrl');
const IRIS = '[data-spec-island][data-spec-source*="train Iris on iris"]';

let browser: Browser;
let irisPath = '';
let irisSource = '';

function poll<T>(read: () => Promise<T>, timeout = 30_000) {
  return expect.poll(read, { timeout, interval: 100 });
}

interface Island {
  page: Page;
  island: Locator;
  mount: Locator;
  status: () => Promise<string>;
  fault: () => Promise<string>;
  epochsShown: () => Promise<number>;
}

/** The Iris island with a run long enough to break (100000 epochs), on `backend`, training. */
async function longRun(backend: string): Promise<Island & { worker: Worker }> {
  const page = await browser.newPage();
  await page.goto(`${site}${irisPath}`);
  const island = page.locator(IRIS);
  const mount = island.locator('[data-spec-live]');
  // The warm-up starts the worker as the pointer enters the island, before the click on Train.
  const workerStarted = page.waitForEvent('worker', { predicate: (w) => w.url().includes('train-worker'), timeout: 60_000 });
  await island.getByRole('button', { name: 'Edit' }).click();
  const content = island.locator('.cm-content');
  await content.waitFor({ timeout: 30_000 });
  await content.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(irisSource.replace('epochs 100', 'epochs 100000'));
  await island.getByLabel('Backend').selectOption(backend);
  await island.getByRole('button', { name: 'Train', exact: true }).click();
  const worker = await workerStarted;
  const epochsShown = () => island.locator('progress').evaluate((p) => (p as HTMLProgressElement).value);
  // Past a few epochs and one snapshot interval, so a snapshot exists.
  await poll(epochsShown, 120_000).toBeGreaterThanOrEqual(5);
  await page.waitForTimeout(800);
  return {
    page,
    island,
    mount,
    worker,
    epochsShown,
    status: async () => (await island.locator('.dl-status').textContent()) ?? '',
    fault: async () => (await island.locator('.dl-fault').textContent()) ?? '',
  };
}

/** Train works again after a fault: a fresh worker starts and reaches an epoch; Stop ends it. */
async function trainsAgain(i: Island): Promise<void> {
  const runs = Number(await i.mount.getAttribute('data-runs-done'));
  await i.island.getByLabel('Backend').selectOption('wasm');
  await i.island.getByRole('button', { name: 'Train', exact: true }).click();
  await poll(() => i.status()).toMatch(/^Training on WASM|^Epoch/);
  expect(await i.island.locator('.dl-fault').isHidden()).toBe(true);
  await poll(i.epochsShown, 60_000).toBeGreaterThanOrEqual(1);
  await i.island.getByRole('button', { name: 'Stop' }).click();
  await poll(() => i.mount.getAttribute('data-runs-done'), 60_000).toBe(String(runs + 1));
  expect(await i.status()).toMatch(/^Stopped after \d+ epoch/);
}

/** The weights the page offers after a fault decode, and say how many epochs they hold. */
async function keptWeights(i: Island): Promise<number> {
  const button = i.island.getByRole('button', { name: /Download weights/ });
  expect(await button.isDisabled()).toBe(false);
  const [file] = await Promise.all([i.page.waitForEvent('download'), button.click()]);
  const path = await file.path();
  const { readFileSync } = await import('node:fs');
  const { tensors, metadata } = decodeSafetensors(readFileSync(path));
  expect(Object.keys(tensors).length).toBeGreaterThan(0);
  return Number(metadata['dlc.epochs']);
}

beforeAll(async () => {
  browser = await launchChromium();
  for (const path of await sitemapPaths(site)) {
    const html = await (await fetch(`${site}${path}`)).text();
    if (html.includes('train Iris on iris')) {
      irisPath = path;
      break;
    }
  }
  if (!irisPath) throw new Error('no page of the site embeds the Iris spec');
  const page = await browser.newPage();
  await page.goto(`${site}${irisPath}`);
  irisSource = (await page.locator(IRIS).first().getAttribute('data-spec-source')) ?? '';
  await page.close();
}, 600_000);

afterAll(async () => {
  await browser?.close();
});

describe('the island recovers from faults of its training worker', () => {
  test('a lost WebGL context: the run continues on WebAssembly from its last snapshot', async () => {
    const i = await longRun('webgl');
    expect(await i.mount.getAttribute('data-backend-used')).toBe('webgl');
    // tfjs keeps its engine on the worker's global scope; its WebGL backend holds the context.
    await i.worker.evaluate(() => {
      const engine = (self as unknown as { _tfengine: { backend: { gpgpu: { gl: WebGL2RenderingContext } } } })._tfengine;
      engine.backend.gpgpu.gl.getExtension('WEBGL_lose_context')!.loseContext();
    });
    await poll(() => i.mount.getAttribute('data-fault')).toBe('gpu-lost');
    const note = await i.fault();
    expect(note).toMatch(/^The GPU context was lost; training continues on WebAssembly from epoch (\d+)\.$/);
    const from = Number(/from epoch (\d+)/.exec(note)![1]);
    expect(from).toBeGreaterThan(1);
    await poll(() => i.mount.getAttribute('data-backend-used'), 60_000).toBe('wasm');
    expect(await i.mount.getAttribute('data-run-state')).toBe('running');
    // Training goes on past the snapshot, on wasm.
    await poll(i.epochsShown, 120_000).toBeGreaterThan(from + 5);
    await i.island.getByRole('button', { name: 'Stop' }).click();
    await poll(() => i.mount.getAttribute('data-run-state'), 60_000).toBe('idle');
    const stopped = Number(/^Stopped after (\d+) epoch/.exec(await i.status())?.[1]);
    expect(stopped).toBeGreaterThan(from + 5);
    // The run's one history: epochs before the loss and after it, none twice.
    expect(await keptWeights(i)).toBe(stopped);
    await i.page.close();
  }, 300_000);

  test('a worker that closes: the page notices the silence, and the learner stops it and trains again', async () => {
    const i = await longRun('wasm');
    const before = await i.epochsShown();
    await i.worker.evaluate(() => self.close()).catch(() => {
      // The worker may be gone before it answers.
    });
    const prompt = i.island.locator('.dl-silence');
    await poll(() => prompt.isVisible(), 60_000).toBe(true);
    expect(await prompt.textContent()).toMatch(/has not answered for \d+ seconds/);
    expect(await i.mount.getAttribute('data-run-state')).toBe('running');
    await prompt.getByRole('button', { name: 'Stop training' }).click();
    await poll(() => i.mount.getAttribute('data-run-state')).toBe('idle');
    expect(await i.fault()).toBe('The training worker stopped; press Train to start again.');
    const status = await i.status();
    expect(status).toMatch(/^Stopped after \d+ epochs\. The history and the weights after epoch \d+ are kept\.$/);
    const kept = Number(/after epoch (\d+)/.exec(status)![1]);
    expect(kept).toBeGreaterThanOrEqual(Math.min(before, 5) - 1);
    expect(await keptWeights(i)).toBe(kept);
    await trainsAgain(i);
    await i.page.close();
  }, 300_000);

  test('an uncaught error mid-run ends it as a stopped worker, not as a run that could not start', async () => {
    const i = await longRun('wasm');
    await i.worker.evaluate(() => {
      setTimeout(() => {
        throw new Error('worker fault for the test');
      });
    });
    await poll(() => i.mount.getAttribute('data-run-state')).toBe('idle');
    expect(await i.mount.getAttribute('data-fault')).toBe('worker-stopped');
    expect(await i.fault()).toMatch(/^The training worker stopped \(.*worker fault for the test\); press Train to start again\.$/);
    expect(await i.status()).not.toMatch(/could not start/);
    expect(await i.status()).toMatch(/The history and the weights after epoch \d+ are kept\.$/);
    await trainsAgain(i);
    await i.page.close();
  }, 300_000);

  test('Stop ends a worker stuck in a long computation', async () => {
    const i = await longRun('wasm');
    // Blocks the worker's thread for a minute, as a huge kernel would; not awaited.
    void i.worker.evaluate(() => {
      const end = Date.now() + 60_000;
      while (Date.now() < end) {
        // busy
      }
    }).catch(() => {});
    await i.page.waitForTimeout(300);
    const clicked = Date.now();
    await i.island.getByRole('button', { name: 'Stop' }).click();
    await poll(() => i.mount.getAttribute('data-run-state'), 20_000).toBe('idle');
    console.log(`Stop closed a stuck worker in ${Date.now() - clicked} ms`);
    expect(await i.status()).toMatch(/^Stopped after \d+ epochs: the worker did not answer, so it was closed\. The history and the weights after epoch \d+ are kept\.$/);
    await trainsAgain(i);
    await i.page.close();
  }, 300_000);
});

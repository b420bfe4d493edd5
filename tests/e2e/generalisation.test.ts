// The generalisation lesson's Iris spec (validate 0.2, stop_after 5) trained in Chromium:
// the curves gain a validation series, and the final metrics show the validation loss and
// the kept epoch, as dlc's runtime in Node gets them from the same spec.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { compile } from '../../compiler/index.ts';
import { train } from '../../compiler/runtime/train.ts';
import { launchChromium } from './browser.ts';

const site = inject('siteUrl');
const ISLAND = '[data-spec-island][data-spec-source*="stop_after 5"]';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('validation and early stopping in a live spec', () => {
  test('trains with validation curves, stops early and reports the kept epoch', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${site}/lessons/10-generalisation/`);
    const island = page.locator(ISLAND);
    expect(await island.count()).toBe(1);
    const source = (await island.getAttribute('data-spec-source')) ?? '';
    const expected = await train(compile(source).graph!, { backend: 'cpu' });
    expect(expected.stoppedEarly).toBe(true);

    const mount = island.locator('[data-spec-live]');
    // From the static view: `auto` picks the backend (WebGL or WASM in Chromium).
    await island.getByRole('button', { name: 'Train' }).click();
    await expect.poll(() => mount.getAttribute('data-runs-done'), { timeout: 180_000 }).toBe('1');
    await expect.poll(() => mount.getAttribute('data-run-state')).toBe('idle');

    const legend = (await island.locator('.dl-legend').allTextContents()).join(' | ');
    expect(legend).toMatch(/train .*validation .*test /);
    const validationLoss = Number(await island.locator('[data-metric="validation-loss"]').textContent());
    expect(validationLoss).toBeCloseTo(expected.final!.validationLoss!, 2);
    expect(await island.locator('[data-metric="validation-accuracy"]').textContent()).toBe(`${(expected.final!.validationAccuracy! * 100).toFixed(1)}%`);
    expect(await island.locator('[data-metric="epochs"]').textContent())
      .toBe(`${expected.epochs} of 60 (stopped early); weights of epoch ${expected.bestEpoch}, the lowest validation loss`);
    expect(problems).toEqual([]);
    await page.close();
  }, 300_000);
});

// A browser whose storage is full (every write throws QuotaExceededError) still shows the
// quiz score and the progress saved before it filled up, in Debian's Chromium: reading
// must not depend on writing.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { launchChromium } from './browser.ts';

const site = inject('siteUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

test('with storage full, the saved best score still shows on the assessment and home pages, and a better score says it cannot be kept', async () => {
  const context = await browser.newContext();
  // Once the test marks the storage full, every write throws as a full localStorage does.
  await context.addInitScript(() => {
    if (localStorage.getItem('test:full') !== '1') return;
    Storage.prototype.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  const page = await context.newPage();
  await page.goto(`${site}/assessment/`);
  await page.evaluate(() => {
    localStorage.setItem('dlc:quiz:best', JSON.stringify({ correct: 4, total: 5, percent: 80, passed: true }));
    localStorage.setItem('test:full', '1');
  });
  await page.reload();
  expect(await page.evaluate(() => {
    try {
      localStorage.setItem('x', 'y');
      return 'written';
    } catch (e) {
      return (e as DOMException).name;
    }
  })).toBe('QuotaExceededError');
  await expect.poll(() => page.textContent('[data-best-score]')).toBe('Best score: 4 out of 5 (80%), module complete.');
  expect(await page.locator('[data-storage-note]').isHidden()).toBe(true);

  // Every answer right: a better score than the saved one, so the page tries to write it.
  const key = JSON.parse((await page.getAttribute('form.quiz', 'data-quiz-key')) ?? '') as { questions: { id: string; correct: number[] }[] };
  // The sheet drawn for this attempt: the rest of the pool is on the page, hidden.
  await expect.poll(() => page.locator('fieldset[data-drawn]').count()).toBeGreaterThan(0);
  const drawn = await page.locator('fieldset[data-drawn]').evaluateAll((fs) => fs.map((f) => (f as HTMLElement).dataset.question!));
  for (const q of key.questions.filter((q) => drawn.includes(q.id))) for (const oi of q.correct) await page.check(`#${q.id}-${oi}`);
  await page.click('[data-submit]');
  await expect.poll(() => page.textContent('[data-result]')).toMatch(/scores cannot be kept/);

  await page.goto(`${site}/`);
  await expect.poll(() => page.textContent('[data-best-score]')).toBe('Best score: 4 out of 5 (80%), module complete.');
  await context.close();
});

// Practice in Debian's Chromium: lesson exercises are checked on the page (a number, a
// choice, a spec fixed until it compiles, a spec changed until it trains to its target)
// and counted on the home page; a prediction is recorded before an interactive and shown
// next to its outcome; the assessment draws the seeded sheet the draw function gives,
// 5 questions on 5 takeaways with shuffled options, and a retake draws another.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Exercise, SpecExercise } from '../../site/content/exercises/exercise-schema.ts';
import { allExerciseKeys, exercisesByLesson } from '../../site/content/exercises/exercises.ts';
import { quiz } from '../../site/content/quiz/quiz.ts';
import { drawSheet } from '../../site/islands/quiz/draw.ts';
import { launchChromium } from './browser.ts';

const site = inject('siteUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

function poll<T>(read: () => Promise<T>, timeout = 30_000) {
  return expect.poll(read, { timeout, interval: 100 });
}

async function withPage<T>(run: (page: Page, context: BrowserContext) => Promise<T>, javaScriptEnabled = true): Promise<T> {
  const context = await browser.newContext({ javaScriptEnabled });
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    const result = await run(page, context);
    expect(errors).toEqual([]);
    return result;
  } finally {
    await context.close();
  }
}

function exercise(lesson: string, id: string): Exercise {
  const found = exercisesByLesson.get(lesson)?.find((e) => e.id === id);
  if (!found) throw new Error(`no exercise ${lesson}/${id}`);
  return found;
}

function card(page: Page, lesson: string, id: string): Locator {
  return page.locator(`[data-exercise="${lesson}/${id}"]`);
}

async function setEditorText(page: Page, island: Locator, text: string): Promise<void> {
  const content = island.locator('.cm-content');
  await content.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

describe('exercises', () => {
  test('a number and a choice are checked, solved ones are marked, kept after a reload and counted on the home page', async () => {
    await withPage(async (page) => {
      await page.goto(`${site}/lessons/01-what-is-a-network/`);
      const count = exercisesByLesson.get('01-what-is-a-network')!.length;
      expect(await page.locator('[data-exercise]').count()).toBe(count);
      expect(await page.locator('[data-exercise] details.exercise-hint').count()).toBe(count);
      expect(await page.locator('[data-exercise] details.exercise-solution').count()).toBe(count);

      const units = card(page, '01-what-is-a-network', 'count-parameters');
      await poll(() => units.getAttribute('data-ready')).toBe('true');
      await units.getByLabel('Your answer').fill('25');
      await units.getByRole('button', { name: 'Check' }).click();
      await poll(() => units.locator('[data-feedback]').textContent()).toMatch(/Not quite/);
      expect(await units.locator('[data-solved-mark]').isVisible()).toBe(false);
      await units.getByLabel('Your answer').fill('words');
      await units.getByRole('button', { name: 'Check' }).click();
      await poll(() => units.locator('[data-feedback]').textContent()).toMatch(/Type a number/);
      const right = exercise('01-what-is-a-network', 'count-parameters');
      await units.getByLabel('Your answer').fill(String(right.kind === 'number' && right.answer));
      await units.getByRole('button', { name: 'Check' }).click();
      await poll(() => units.locator('[data-feedback]').textContent()).toBe('Correct.');
      expect(await units.locator('[data-solved-mark]').isVisible()).toBe(true);

      // The worked solution opens on request.
      const solution = units.locator('details.exercise-solution');
      expect(await solution.locator('p').first().isVisible()).toBe(false);
      await solution.locator('summary').click();
      expect(await solution.locator('p').first().isVisible()).toBe(true);

      await page.goto(`${site}/lessons/02-the-forward-pass/`);
      const choice = card(page, '02-the-forward-pass', 'linear-stack');
      await poll(() => choice.getAttribute('data-ready')).toBe('true');
      const data = exercise('02-the-forward-pass', 'linear-stack');
      if (data.kind !== 'choice') throw new Error('expected a choice');
      const wrong = data.options.findIndex((o) => !o.correct);
      await choice.getByLabel(data.options[wrong].text).check();
      await choice.getByRole('button', { name: 'Check' }).click();
      await poll(() => choice.locator('[data-feedback]').textContent()).toMatch(/Not this one/);
      await choice.getByLabel(data.options.find((o) => o.correct)!.text).check();
      await choice.getByRole('button', { name: 'Check' }).click();
      await poll(() => choice.locator('[data-feedback]').textContent()).toBe('Correct.');

      await page.goto(`${site}/lessons/01-what-is-a-network/`);
      await poll(() => card(page, '01-what-is-a-network', 'count-parameters').locator('[data-solved-mark]').isVisible()).toBe(true);
      expect(await card(page, '01-what-is-a-network', 'unit-output').locator('[data-solved-mark]').isVisible()).toBe(false);

      await page.goto(`${site}/`);
      await poll(() => page.textContent('[data-exercise-count]')).toBe(`Exercises solved: 2 of ${allExerciseKeys().length}.`);
    });
  });

  test('a spec to fix: the live island reports errors until the spec compiles, then the exercise is solved', async () => {
    await withPage(async (page) => {
      await page.goto(`${site}/lessons/01-what-is-a-network/`);
      const root = card(page, '01-what-is-a-network', 'fix-the-chain');
      await poll(() => root.getAttribute('data-ready')).toBe('true');
      await root.getByRole('button', { name: 'Edit' }).click();
      await poll(() => root.locator('[data-feedback]').textContent()).toBe('Not yet: the spec has an error.');
      await setEditorText(page, root, (exercise('01-what-is-a-network', 'fix-the-chain') as SpecExercise).solutionSpec);
      await poll(() => root.locator('[data-feedback]').textContent()).toBe('Solved: your spec compiles with no errors.');
      expect(await root.locator('[data-solved-mark]').isVisible()).toBe(true);
    });
  });

  test('a spec to train: the starting spec misses its target in the browser, the changed one meets it', async () => {
    await withPage(async (page) => {
      await page.goto(`${site}/lessons/09-iris-classifier/`);
      const root = card(page, '09-iris-classifier', 'train-longer');
      await poll(() => root.getAttribute('data-ready')).toBe('true');
      await root.getByRole('button', { name: 'Train' }).click();
      await poll(() => root.locator('[data-feedback]').textContent(), 120_000).toMatch(/^Not yet: the test accuracy is \d/);
      expect(await root.getAttribute('data-solved')).toBeNull();
      await setEditorText(page, root, (exercise('09-iris-classifier', 'train-longer') as SpecExercise).solutionSpec);
      // Editing forgets the old run: the exercise waits for a new one.
      await poll(() => root.locator('[data-feedback]').textContent()).toBe('It compiles. Now train it.');
      await poll(() => root.locator('.dl-live button[data-action="train"]').isEnabled()).toBe(true);
      await root.locator('.dl-live button[data-action="train"]').click();
      await poll(() => root.locator('[data-feedback]').textContent(), 180_000).toBe('Solved: your spec trains to a test accuracy of at least 90%.');
    });
  }, 360_000);

  test('without JavaScript the hints and worked solutions sit in <details> and there is no Check button', async () => {
    await withPage(async (page) => {
      await page.goto(`${site}/lessons/07-loss-functions/`);
      const cards = page.locator('[data-exercise]');
      expect(await cards.count()).toBe(exercisesByLesson.get('07-loss-functions')!.length);
      expect(await page.locator('[data-exercise] details.exercise-solution:not([open])').count()).toBe(await cards.count());
      const checks = page.locator('[data-exercise] button[type="submit"]');
      expect(await checks.count()).toBeGreaterThan(0);
      expect(await checks.evaluateAll((bs) => bs.filter((b) => (b as HTMLElement).offsetParent !== null).length)).toBe(0);
      await page.locator('[data-exercise] details.exercise-solution summary').first().click();
      expect(await page.locator('[data-exercise] details.exercise-solution').first().locator('p').first().isVisible()).toBe(true);
    }, false);
  });
});

describe('predictions', () => {
  test('the learner predicts before the interactive runs, and the choice shows next to the outcome', async () => {
    await withPage(async (page) => {
      await page.goto(`${site}/lessons/03-backpropagation/`);
      const wrapper = page.locator('[data-predict="gradient-view"]');
      await poll(() => wrapper.getAttribute('data-ready')).toBe('true');
      const body = wrapper.locator('[data-predict-outcome-body]');
      expect(await body.isVisible()).toBe(false);
      await wrapper.getByLabel('Exactly zero').check();
      await wrapper.getByRole('button', { name: 'Record my prediction' }).click();
      await poll(() => wrapper.locator('[data-predict-recorded]').textContent()).toMatch(/^Recorded: Exactly zero/);
      expect(await body.isVisible()).toBe(false);

      await wrapper.getByRole('button', { name: 'Run the backward pass' }).click();
      await poll(() => body.isVisible(), 60_000).toBe(true);
      expect(await wrapper.locator('[data-predict-choice]').textContent()).toBe('Exactly zero');
      expect(await wrapper.locator('[data-predict-verdict]').textContent()).toBe('Your prediction came true.');
      // The interactive's own outcome agrees: some gradients are exactly zero.
      expect(await wrapper.locator('[data-status]').textContent()).toMatch(/[1-9]\d* of the parameters have a gradient of exactly zero/);

      // The choice is remembered when the learner comes back.
      await page.reload();
      await poll(() => wrapper.locator('[data-predict-recorded]').textContent()).toBe('Your prediction: Exactly zero');
    });
  });
});

describe('assessment draw', () => {
  const pool = quiz.questions.map((q) => ({ id: q.id, takeaway: q.takeaway, options: q.options.length }));

  async function shown(page: Page): Promise<{ id: string; order: number[] }[]> {
    await poll(() => page.locator('fieldset[data-drawn]').count()).toBe(quiz.perAttempt);
    return page.locator('fieldset[data-drawn]').evaluateAll((fs) =>
      fs.map((f) => ({
        id: (f as HTMLElement).dataset.question!,
        order: [...f.querySelectorAll('input')].map((i) => Number(i.value)),
      })));
  }

  test('?seed=N shows the seeded sheet: 5 questions on 5 takeaways, options shuffled; a retake draws the next one', async () => {
    await withPage(async (page) => {
      await page.goto(`${site}/assessment/?seed=12345`);
      const first = await shown(page);
      expect(first).toEqual(drawSheet(pool, 5, 12345).questions);
      expect(new Set(first.map((q) => quiz.questions.find((x) => x.id === q.id)!.takeaway)).size).toBe(5);
      expect(await page.locator('fieldset.question:visible').count()).toBe(5);
      expect(await page.locator('[data-question-number]:visible').allTextContents()).toEqual([1, 2, 3, 4, 5].map((i) => `Question ${i} of 5`));
      expect(await page.locator('form[data-seed]').getAttribute('data-seed')).toBe('12345');

      // Answer everything right and pass; a retake is the sheet of the next seed.
      for (const q of first) {
        for (const [i, o] of quiz.questions.find((x) => x.id === q.id)!.options.entries()) if (o.correct) await page.check(`#${q.id}-${i}`);
      }
      await page.click('[data-submit]');
      await poll(() => page.textContent('[data-result]')).toMatch(/You scored 5 out of 5 \(100%\)\. Passed/);
      await page.click('[data-retake]');
      const retake = await shown(page);
      expect(retake).toEqual(drawSheet(pool, 5, 12346).questions);
      expect(retake).not.toEqual(first);

      // The same seed gives the same sheet on another visit.
      await page.goto(`${site}/assessment/?seed=12345`);
      expect(await shown(page)).toEqual(first);
    });
  });

  test('a question about a spec shows the live spec beside it', async () => {
    let seed = 1;
    while (!drawSheet(pool, 5, seed).questions.some((d) => quiz.questions.find((q) => q.id === d.id)!.spec)) seed++;
    await withPage(async (page) => {
      await page.goto(`${site}/assessment/?seed=${seed}`);
      const ids = (await shown(page)).map((q) => q.id);
      const id = ids.find((x) => quiz.questions.find((q) => q.id === x)!.spec)!;
      const fieldset = page.locator(`fieldset[data-question="${id}"]`);
      const spec = fieldset.locator('[data-spec-island]');
      expect(await spec.isVisible()).toBe(true);
      await poll(() => spec.getByRole('button', { name: 'Edit' }).isVisible()).toBe(true);
      expect(await fieldset.locator('input').count()).toBe(quiz.questions.find((q) => q.id === id)!.options.length);
    });
  });
});

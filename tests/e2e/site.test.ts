// The built course site in Debian's Chromium: every page loads cleanly, the assessment
// fails at 3/5 and passes at 4/5 and keeps the best score, it copes with storage that is
// off or corrupted, it works from the keyboard, the site reads with JavaScript off, and
// axe finds no serious or critical accessibility violations in either theme.
import { readFileSync } from 'node:fs';
import axe from 'axe-core';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { quizSchema, type Quiz } from '../../site/content/quiz/quiz-schema.ts';
import { drawSheet } from '../../site/islands/quiz/draw.ts';
import { launchChromium, sitemapPaths } from './browser.ts';

const site = inject('siteUrl');
const quiz: Quiz = quizSchema.parse(
  JSON.parse(readFileSync(new URL('../../site/content/quiz/module.json', import.meta.url), 'utf8')),
);
const PHONE = { width: 375, height: 740 };

/** Polls a page query; the machine is shared, so a slow first answer is not a failure. */
function poll<T>(read: () => Promise<T>) {
  return expect.poll(read, { timeout: 20_000, interval: 100 });
}

let browser: Browser;
let pages: string[];

interface Problems {
  list: string[];
}

/** Records console errors, uncaught exceptions, failed or error responses, and requests to other hosts. */
function watch(page: Page): Problems {
  const problems: Problems = { list: [] };
  const local = new URL(site).host;
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.list.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.list.push(`exception: ${err.message}`));
  page.on('requestfailed', (req) => {
    // A navigation cancels the previous page's pending requests (the favicon, say): that
    // is the browser's doing, not a broken link.
    if (req.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.list.push(`failed: ${req.url()} ${req.failure()?.errorText}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.list.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (/^https?:$/.test(url.protocol) && url.host !== local) problems.list.push(`other host: ${req.url()}`);
  });
  return problems;
}

async function withContext<T>(options: BrowserContextOptions, run: (context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await browser.newContext(options);
  // The machine is shared; give slow page loads room before calling them failures.
  context.setDefaultTimeout(60_000);
  try {
    return await run(context);
  } finally {
    await context.close();
  }
}

async function runAxe(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.targets.join(', ')}`);
}

function correctIndices(question: Quiz['questions'][number]): number[] {
  return question.options.flatMap((o, i) => (o.correct ? [i] : []));
}

/** The questions of the sheet on the page, in the order shown. */
async function drawnQuestions(page: Page): Promise<Quiz['questions']> {
  await poll(() => page.locator('fieldset[data-drawn]').count()).toBe(quiz.perAttempt);
  const ids = await page.locator('fieldset[data-drawn]').evaluateAll((fs) => fs.map((f) => (f as HTMLElement).dataset.question!));
  return ids.map((id) => quiz.questions.find((q) => q.id === id)!);
}

/** Checks the correct options of the first `right` questions shown and a wrong option of the rest. */
async function answerQuiz(page: Page, right: number): Promise<void> {
  for (const [qi, question] of (await drawnQuestions(page)).entries()) {
    const choose = qi < right ? correctIndices(question) : [question.options.findIndex((o) => !o.correct)];
    for (const oi of choose) await page.check(`#${question.id}-${oi}`);
  }
}

/** The option indices of a question in the order the page shows them. */
async function shownOrder(page: Page, id: string): Promise<number[]> {
  return page.locator(`fieldset[data-question="${id}"] input`).evaluateAll((inputs) => inputs.map((i) => Number((i as HTMLInputElement).value)));
}

/** The first seed whose sheet has (or has not) a question with a spec beside it (the page draws with the same function). */
function seedWhere(withSpec: (has: boolean) => boolean): number {
  const pool = quiz.questions.map((q) => ({ id: q.id, takeaway: q.takeaway, options: q.options.length }));
  for (let seed = 1; ; seed++) {
    const ids = drawSheet(pool, quiz.perAttempt, seed).questions.map((d) => d.id);
    if (withSpec(ids.some((id) => quiz.questions.find((q) => q.id === id)!.spec))) return seed;
  }
}

async function submitQuiz(page: Page): Promise<string> {
  await page.click('[data-submit]');
  await poll(() => page.textContent('[data-result]')).toMatch(/You scored/);
  return (await page.textContent('[data-result]')) ?? '';
}

beforeAll(async () => {
  browser = await launchChromium();
  pages = await sitemapPaths(site);
});

afterAll(async () => {
  await browser?.close();
});

describe('pages', () => {
  test('the sitemap lists the home, the assessment, search and the lessons', () => {
    expect(pages).toEqual(expect.arrayContaining(['/', '/assessment/', '/search/']));
    expect(pages.filter((p) => p.startsWith('/lessons/')).length).toBeGreaterThan(0);
  });

  test('every page loads with no console errors and nothing fetched from other hosts', async () => {
    await withContext({}, async (context) => {
      for (const path of [...pages, '/404.html']) {
        const page = await context.newPage();
        const problems = watch(page);
        const response = await page.goto(`${site}${path}`, { waitUntil: 'networkidle' });
        expect(response?.status(), path).toBe(200);
        expect(await page.title(), path).not.toBe('');
        expect(problems.list, path).toEqual([]);
        await page.close();
      }
    });
  });

  test('an unknown address answers 404 with the not-found page', async () => {
    await withContext({}, async (context) => {
      const page = await context.newPage();
      const response = await page.goto(`${site}/no-such-lesson/`);
      expect(response?.status()).toBe(404);
      await poll(() => page.textContent('h1')).toBe('Page not found');
    });
  });

  test('search finds a lesson by a word in it', async () => {
    const lesson = pages.find((p) => p.startsWith('/lessons/'))!;
    await withContext({}, async (context) => {
      const page = await context.newPage();
      const problems = watch(page);
      await page.goto(`${site}${lesson}`);
      const title = (await page.textContent('h1'))!.trim();
      const word = title.split(/\W+/).filter((w) => w.length > 4).sort((a, b) => b.length - a.length)[0] ?? title;
      await page.goto(`${site}/search/`);
      await page.fill('.pagefind-ui__search-input', word);
      await poll(() =>
        page.locator('.pagefind-ui__result-link').evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
      ).toContain(lesson);
      expect(problems.list).toEqual([]);
    });
  });

  test('no page is wider than a phone screen', async () => {
    await withContext({ viewport: PHONE }, async (context) => {
      const page = await context.newPage();
      for (const path of pages) {
        await page.goto(`${site}${path}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, path).toBeLessThanOrEqual(0);
      }
    });
  });

  test('the theme toggle switches to dark and the choice survives a reload', async () => {
    await withContext({ colorScheme: 'light' }, async (context) => {
      const page = await context.newPage();
      await page.goto(`${site}/`);
      const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const light = await background();
      const toggle = page.locator('[data-theme-toggle]');
      await poll(() => toggle.getAttribute('aria-pressed')).toBe('false');
      await toggle.click();
      expect(await toggle.getAttribute('aria-pressed')).toBe('true');
      const dark = await background();
      expect(dark).not.toBe(light);
      await page.reload();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      expect(await background()).toBe(dark);
    });
  });
});

describe('assessment', () => {
  test('3 of 5 fails, 4 of 5 passes, and the best score is kept after a reload and on the home page', async () => {
    await withContext({}, async (context) => {
      const page = await context.newPage();
      const problems = watch(page);
      await page.goto(`${site}/assessment/`);
      await poll(() => page.textContent('[data-best-score]')).toContain('no attempt yet');

      await answerQuiz(page, 3);
      const fail = await submitQuiz(page);
      expect(fail).toContain('You scored 3 out of 5 (60%)');
      expect(fail).toContain('Not passed');
      const optionCount = (await drawnQuestions(page)).reduce((n, q) => n + q.options.length, 0);
      expect(await page.locator('[data-explanation]:visible').count()).toBe(optionCount);
      expect(await page.locator('fieldset[data-outcome="wrong"]').count()).toBe(2);

      await page.click('[data-retake]');
      expect(await page.locator('input:checked').count()).toBe(0);
      expect(await page.locator('[data-explanation]:visible').count()).toBe(0);
      await answerQuiz(page, 4);
      const pass = await submitQuiz(page);
      expect(pass).toContain('You scored 4 out of 5 (80%)');
      expect(pass).toContain('Passed');

      await page.reload();
      await poll(() => page.textContent('[data-best-score]')).toBe('Best score: 4 out of 5 (80%), module complete.');

      // A worse retake leaves the best score alone.
      await answerQuiz(page, 1);
      expect(await submitQuiz(page)).toContain('Best score: 4 out of 5');

      await page.goto(`${site}/`);
      const panel = page.locator('[data-progress]');
      await poll(() => panel.isVisible()).toBe(true);
      expect(await panel.locator('[data-best-score]').textContent()).toBe('Best score: 4 out of 5 (80%), module complete.');
      expect(problems.list).toEqual([]);
    });
  });

  test('lessons visited show on the home page', async () => {
    const lessons = pages.filter((p) => p.startsWith('/lessons/'));
    await withContext({}, async (context) => {
      const page = await context.newPage();
      await page.goto(`${site}${lessons[0]}`);
      await page.goto(`${site}/`);
      await poll(() => page.textContent('[data-visited-count]')).toBe(`Lessons visited: 1 of ${lessons.length}.`);
      const slug = lessons[0].split('/')[2];
      expect(await page.locator(`[data-lesson="${slug}"] [data-visited-mark]`).isVisible()).toBe(true);
    });
  });

  test('with storage switched off the quiz still runs and says scores cannot be kept', async () => {
    await withContext({}, async (context) => {
      await context.addInitScript(() => {
        Object.defineProperty(window, 'localStorage', {
          get() {
            throw new DOMException('The operation is insecure.', 'SecurityError');
          },
        });
      });
      const page = await context.newPage();
      const problems = watch(page);
      await page.goto(`${site}/assessment/`);
      await poll(() => page.textContent('[data-storage-note]')).toContain('scores cannot be kept');
      await answerQuiz(page, 4);
      const result = await submitQuiz(page);
      expect(result).toContain('You scored 4 out of 5');
      expect(result).toContain('scores cannot be kept');
      expect(problems.list).toEqual([]);
    });
  });

  test('with a corrupted saved score the quiz still runs, says scores cannot be kept, and leaves the value alone', async () => {
    await withContext({}, async (context) => {
      const page = await context.newPage();
      const problems = watch(page);
      await page.goto(`${site}/assessment/`);
      await page.evaluate(() => localStorage.setItem('dlc:quiz:best', '{"correct": oops'));
      await page.reload();
      await poll(() => page.textContent('[data-storage-note]')).toContain('scores cannot be kept');
      await answerQuiz(page, 5);
      const result = await submitQuiz(page);
      expect(result).toContain('You scored 5 out of 5');
      expect(result).toContain('scores cannot be kept');
      expect(await page.evaluate(() => localStorage.getItem('dlc:quiz:best'))).toBe('{"correct": oops');
      await page.goto(`${site}/`);
      await poll(() => page.textContent('[data-progress] [data-best-score]')).toContain('cannot be kept');
      expect(problems.list).toEqual([]);
    });
  });

  test('the quiz works with the keyboard alone and announces the result', async () => {
    await withContext({}, async (context) => {
      const page = await context.newPage();
      // A sheet without spec questions: their live specs add buttons to the tab order.
      await page.goto(`${site}/assessment/?seed=${seedWhere((spec) => !spec)}`);
      await poll(() => page.locator('[data-submit]').isEnabled()).toBe(true);
      const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent?.trim() || '');
      const questions = await drawnQuestions(page);

      // From the top of the page, Tab reaches the first option shown.
      const first = `${questions[0].id}-${(await shownOrder(page, questions[0].id))[0]}`;
      for (let i = 0; i < 100 && (await focused()) !== first; i++) await page.keyboard.press('Tab');
      expect(await focused()).toBe(first);

      // Answer 4 of 5 right: radios move with the arrow keys, checkboxes toggle with Space.
      for (const [qi, question] of questions.entries()) {
        const order = await shownOrder(page, question.id);
        const choose = qi < 4 ? correctIndices(question) : [question.options.findIndex((o) => !o.correct)];
        const multiple = correctIndices(question).length > 1;
        if (qi > 0) await page.keyboard.press('Tab');
        expect(await focused()).toBe(`${question.id}-${order[0]}`);
        if (multiple) {
          for (let pos = 0; pos < order.length; pos++) {
            if (choose.includes(order[pos])) await page.keyboard.press('Space');
            if (pos < order.length - 1) await page.keyboard.press('Tab');
          }
        } else {
          await page.keyboard.press('Space');
          for (let pos = 0; pos < order.indexOf(choose[0]); pos++) await page.keyboard.press('ArrowDown');
        }
      }
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('Check answers');
      await page.keyboard.press('Enter');

      const result = page.locator('[data-result]');
      expect(await result.getAttribute('aria-live')).toBe('polite');
      await poll(() => result.textContent()).toContain('You scored 4 out of 5 (80%). Passed');
      expect(await focused()).toBe('Try again');
      await page.keyboard.press('Enter');
      // The retake is a new sheet; focus goes to its first option.
      const retake = await drawnQuestions(page);
      expect(await focused()).toBe(`${retake[0].id}-${(await shownOrder(page, retake[0].id))[0]}`);
      expect(await page.locator('input:checked').count()).toBe(0);
    });
  });
});

describe('without JavaScript', () => {
  test('the home page shows the outline and links lead through the lessons', async () => {
    await withContext({ javaScriptEnabled: false }, async (context) => {
      const page = await context.newPage();
      await page.goto(`${site}/`);
      const lessons = pages.filter((p) => p.startsWith('/lessons/'));
      const outline = await page.locator('.outline [data-lesson] h3 a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      expect(new Set(outline)).toEqual(new Set(lessons));
      expect(await page.locator('[data-progress]').isVisible()).toBe(false);
      expect(await page.locator('[data-theme-toggle]').isVisible()).toBe(false);

      await page.click(`.outline a[href="${outline[0]}"]`);
      expect(new URL(page.url()).pathname).toBe(outline[0]);
      expect(await page.locator('article h1').isVisible()).toBe(true);
      expect((await page.locator('.prose').innerText()).length).toBeGreaterThan(50);
      if (outline.length > 1) {
        await page.click('a[rel="next"]');
        expect(new URL(page.url()).pathname).toBe(outline[1]);
      }
    });
  });

  test('on a phone the lesson menu opens and navigates', async () => {
    await withContext({ javaScriptEnabled: false, viewport: PHONE }, async (context) => {
      const page = await context.newPage();
      const lessons = pages.filter((p) => p.startsWith('/lessons/'));
      await page.goto(`${site}${lessons[0]}`);
      expect(await page.locator('.sidebar-wide').isVisible()).toBe(false);
      const menu = page.locator('.sidebar-menu');
      expect(await menu.locator('a').first().isVisible()).toBe(false);
      await menu.locator('summary').click();
      const target = lessons[lessons.length - 1];
      await menu.locator(`a[href="${target}"]`).click();
      expect(new URL(page.url()).pathname).toBe(target);
    });
  });

  test('the assessment says it needs JavaScript and still shows its questions', async () => {
    await withContext({ javaScriptEnabled: false }, async (context) => {
      const page = await context.newPage();
      await page.goto(`${site}/assessment/`);
      expect(await page.getByText('needs JavaScript').isVisible()).toBe(true);
      expect(await page.locator('fieldset.question legend').count()).toBe(quiz.questions.length);
      expect(await page.locator('fieldset.question:visible').count()).toBe(quiz.questions.length);
    });
  });
});

describe('accessibility', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`axe finds no serious or critical violations on any page (${colorScheme} theme)`, async () => {
      await withContext({ colorScheme }, async (context) => {
        const page = await context.newPage();
        const found: string[] = [];
        for (const path of [...pages, '/404.html']) {
          await page.goto(`${site}${path}`, { waitUntil: 'networkidle' });
          found.push(...(await runAxe(page)).map((v) => `${path}: ${v}`));
        }
        // The assessment after submitting, with every explanation and verdict showing, on a
        // sheet with a spec beside a question.
        await page.goto(`${site}/assessment/?seed=${seedWhere((spec) => spec)}`);
        await answerQuiz(page, 3);
        await submitQuiz(page);
        found.push(...(await runAxe(page)).map((v) => `/assessment/ (answered): ${v}`));
        expect(found).toEqual([]);
      });
    });
  }
});

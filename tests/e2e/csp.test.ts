// The built site under the headers of docs/deployment.md, its Content-Security-Policy and
// the cross-origin isolation (COOP/COEP) among them (read from that file, so the document
// and the test cannot drift apart), in Debian's Chromium: every page
// of the sitemap (and the 404 page) loads with no violation, a spec trains on WebAssembly,
// the assessment is taken, the theme toggle works and the search finds a lesson, all
// without one. Violations are caught both as `securitypolicyviolation` events and as the
// console's "Refused to ..." lines (which also cover the training worker).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { builtSite } from '../site/built-site.ts';
import { deploymentHeaders } from '../../tools/deployment-headers.ts';
import { launchChromium, serveDist, sitemapPaths, type StaticServer } from './browser.ts';

const HEADERS = deploymentHeaders();
const CSP = HEADERS['content-security-policy'] ?? '';
const IRIS = '[data-spec-island][data-spec-source*="train Iris on iris"]';

let browser: Browser;
let server: StaticServer;
let pages: string[];

interface Watched {
  page: Page;
  /** Goes to `path` (checking the response carries the policy). */
  go: (path: string) => Promise<void>;
  /** The violations since the last `go`. */
  violations: () => Promise<string[]>;
}

async function open(path: string): Promise<Watched> {
  const page = await browser.newPage();
  let logged: string[] = [];
  let current = path;
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) logged.push(`${current}: ${m.text()}`);
  });
  page.on('pageerror', (e) => logged.push(`${current}: uncaught ${e.message}`));
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  const go = async (to: string) => {
    current = to;
    logged = [];
    const response = await page.goto(`${server.url}${to}`);
    expect(response?.headers()['content-security-policy']).toBe(CSP);
  };
  await go(path);
  return {
    page,
    go,
    violations: async () => [...logged, ...(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).map((v) => `${current}: ${v}`)],
  };
}

function poll<T>(read: () => Promise<T>, timeout = 20_000) {
  return expect.poll(read, { timeout, interval: 100 });
}

beforeAll(async () => {
  expect(CSP).toContain("script-src 'self' 'wasm-unsafe-eval'");
  server = await serveDist(builtSite(), HEADERS);
  browser = await launchChromium();
  pages = [...(await sitemapPaths(server.url)), '/no-such-page/'];
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the site under its Content-Security-Policy', () => {
  test('no page of the sitemap, nor the 404 page, violates it', async () => {
    const all: string[] = [];
    const { page, go, violations } = await open(pages[0]);
    for (const path of pages) {
      await go(path);
      // Scripts ran: the theme script in <head> marks the page, module scripts show the toggle.
      expect(await page.evaluate(() => document.documentElement.classList.contains('js')), path).toBe(true);
      await poll(() => page.locator('[data-theme-toggle]').isVisible()).toBe(true);
      all.push(...(await violations()));
    }
    await page.close();
    expect(all).toEqual([]);
  });

  test('a spec trains on WebAssembly, and the theme toggle works, with no violation', async () => {
    let irisPath = '';
    for (const path of pages) {
      if ((await (await fetch(`${server.url}${path}`)).text()).includes('train Iris on iris')) {
        irisPath = path;
        break;
      }
    }
    const { page, violations } = await open(irisPath);
    // COOP/COEP: SharedArrayBuffer is there, so tfjs could load its threaded binary.
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
    await page.locator('[data-theme-toggle]').click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const island = page.locator(IRIS);
    await island.getByRole('button', { name: 'Edit' }).click();
    await island.locator('.cm-content').waitFor({ timeout: 30_000 });
    await island.getByLabel('Backend').selectOption('wasm');
    await island.getByRole('button', { name: 'Train', exact: true }).click();
    const mount = island.locator('[data-spec-live]');
    await poll(() => mount.getAttribute('data-runs-done'), 180_000).toBe('1');
    expect(await island.locator('.dl-status').textContent()).toMatch(/^Done: 100 epochs/);
    expect(await mount.getAttribute('data-backend-used')).toBe('wasm');
    expect(await violations()).toEqual([]);
    await page.close();
  }, 300_000);

  test('the assessment scores and keeps the best score with no violation', async () => {
    const { page, violations } = await open('/assessment/');
    // The sheet drawn for this attempt: the rest of the pool is on the page, hidden.
    const questions = page.locator('fieldset[data-drawn]');
    await poll(() => questions.count()).toBeGreaterThan(0);
    const count = await questions.count();
    for (let i = 0; i < count; i++) await questions.nth(i).locator('input').first().check();
    await page.getByRole('button', { name: 'Check answers' }).click();
    await poll(() => page.locator('[data-result]').textContent()).toMatch(/Best score/);
    expect(await violations()).toEqual([]);
    await page.close();
  });

  test('search finds a lesson with no violation', async () => {
    const lesson = pages.find((p) => p.startsWith('/lessons/'))!;
    const { page, violations } = await open('/search/');
    const title = (await (await fetch(`${server.url}${lesson}`)).text()).match(/<h1[^>]*>([^<]+)</)?.[1] ?? '';
    const word = title.split(/\W+/).filter((w) => w.length > 4).sort((a, b) => b.length - a.length)[0] ?? title;
    await page.fill('.pagefind-ui__search-input', word);
    await poll(() => page.locator('.pagefind-ui__result-link').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toContain(lesson);
    expect(await page.locator('#search-input').count()).toBe(1);
    expect(await violations()).toEqual([]);
    await page.close();
  });
});

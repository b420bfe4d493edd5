// The island follows the edit, in Debian's Chromium on the built site: after the learner
// changes the lesson's Iris spec in the editor (`linear 4->32` to `linear 4->64`, and the next layer's input), the spec
// view's summary table, diagram and PyTorch model are the ones the shared renderers
// (integration/render/) make in Node from the edited spec; while the text has errors the
// last views stay, marked stale; Reset brings back the views the build wrote, byte for byte.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { compile } from '../../compiler/index.ts';
import { formatCount } from '../../integration/diagram/labels.ts';
import { renderDiagram } from '../../integration/render/diagram.ts';
import { pytorchModel } from '../../integration/render/pytorch.ts';
import { renderSummaryTable } from '../../integration/render/summary.ts';
import { launchChromium, sitemapPaths } from './browser.ts';

const site = inject('siteUrl');
const IRIS = '[data-spec-island][data-spec-source*="train Iris on iris"]';

let browser: Browser;
let irisPath = '';
const problems: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  for (const path of await sitemapPaths(site)) {
    const html = await (await fetch(`${site}${path}`)).text();
    if (html.includes('train Iris on iris') && /linear 4-(>|&gt;)32/.test(html)) {
      irisPath = path;
      break;
    }
  }
  if (!irisPath) throw new Error('no page of the site embeds the Iris spec with `linear 4->32`');
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

function poll<T>(read: () => Promise<T>, timeout = 20_000) {
  return expect.poll(read, { timeout, interval: 100 });
}

/** The island's per-net sections as the page has them now. */
function sections(island: Locator): Promise<string[]> {
  return island.locator(':scope > section.spec-net').evaluateAll((all) => all.map((s) => s.outerHTML));
}

async function setEditorText(page: Page, content: Locator, text: string): Promise<void> {
  await content.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

test('after an edit, the summary, diagram and PyTorch view show the edited spec; errors leave them stale; Reset restores the built ones', async () => {
  const page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${site}${irisPath}`);
  const island = page.locator(IRIS).first();
  const original = (await island.getAttribute('data-spec-source')) ?? '';
  const before = await sections(island);
  const oldNet = compile(original).graph!.nets.find((n) => n.name === 'Iris')!;
  const caption = island.locator('.spec-summary caption').first();
  expect(await caption.textContent()).toBe(`Iris: ${formatCount(oldNet.paramCount)} parameters`);

  await island.getByRole('button', { name: 'Edit' }).click();
  const content = island.locator('.cm-content');
  await content.waitFor({ timeout: 30_000 });
  const edited = original.replace('linear 4->32', 'linear 4->64').replace('linear 32->16', 'linear 64->16');
  expect(edited).not.toBe(original);
  await setEditorText(page, content, edited);

  const graph = compile(edited).graph!;
  const net = graph.nets.find((n) => n.name === 'Iris')!;
  expect(net.paramCount).not.toBe(oldNet.paramCount);
  await poll(() => caption.textContent()).toBe(`Iris: ${formatCount(net.paramCount)} parameters`);
  // The same markup the renderers give in Node, and the edited model's code.
  expect(await island.locator('.spec-table-wrap').first().evaluate((e) => e.outerHTML)).toBe(renderSummaryTable(net));
  // Through the browser's parser, as the page's markup is (it writes `<rect …></rect>` for `<rect …/>`).
  expect(await island.locator('.spec-diagram').first().evaluate((e, html) => {
    const parsed = document.createElement('div');
    parsed.innerHTML = html;
    return e.outerHTML === parsed.firstElementChild?.outerHTML;
  }, renderDiagram(net))).toBe(true);
  expect(await island.locator('.spec-diagram svg').first().getAttribute('aria-label')).toContain('linear 4→64');
  const code = island.locator('details.spec-pytorch pre').first();
  expect(await code.evaluate((e) => e.textContent)).toBe(pytorchModel(graph, 'Iris'));
  expect(await code.evaluate((e) => e.textContent)).toContain('nn.Linear(4, 64)');
  // Highlighted like the build's: keywords in the theme's keyword colour.
  expect(await code.locator('span', { hasText: /^\s*class\s*$/ }).first().getAttribute('style')).toBe('color:#CF222E;--shiki-dark:#FF7B72');
  // Still styled by the component: the new section keeps its scoped-style attribute.
  const padding = await island.locator('.spec-summary th').first().evaluate((e) => getComputedStyle(e).paddingRight);
  expect(padding).not.toBe('0px');

  // An error: the last good views stay, marked stale.
  await setEditorText(page, content, edited.replace('linear 4->64', 'linear 4->'));
  await poll(() => island.locator(':scope > section.spec-net[data-spec-stale]').count()).toBeGreaterThan(0);
  expect(await caption.textContent()).toBe(`Iris: ${formatCount(net.paramCount)} parameters`);

  await island.getByRole('button', { name: 'Reset to the original' }).click();
  await poll(() => sections(island)).toEqual(before);
  expect(problems).toEqual([]);
  await page.close();
});

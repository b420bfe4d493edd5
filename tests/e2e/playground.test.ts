// The playground (/playground/) in Debian's Chromium: a spec written in the page and shared
// reopens in a fresh browser context (no storage in common) as the same spec with the same
// summary, which is the compiler's in Node; a damaged link says so and falls back to the
// default spec; a link with HTML in every string of its spec shows that HTML as text and
// runs none of it; a spec too long for a link is refused with a message; and a dataset's
// starter trains in the page (TensorFlow.js fetched only then) and downloads as a PyTorch
// program; a csv spec trains on a file chosen in the page, which no request carries.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { compile } from '../../compiler/index.ts';
import { encodeSpec, MAX_LINK_CHARS } from '../../site/islands/playground/share-link.ts';
import { DEFAULT_SPEC, STARTERS } from '../../site/islands/playground/starters.ts';
import { launchChromium } from './browser.ts';

const site = inject('siteUrl');
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let browser: Browser;
/** Console errors and uncaught exceptions of every page, checked by the last test. */
const problems: string[] = [];

const MY_SPEC = `# Mine: a deeper net for the spiral.
net Curly <
  linear 2->24; relu;
  dropout 0.1;
  linear 24->24; tanh;
  linear 24->1
>

train Curly on spiral n=300 noise=0.1 <
  loss bce_logits;
  optimizer sgd lr=0.05 momentum=0.8;
  batch 16;
  epochs 5
>
`;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

function poll<T>(read: () => Promise<T>, timeout = 30_000) {
  return expect.poll(read, { timeout, interval: 100 });
}

/** A fresh context (its own storage, like another browser) with the playground at `hash`. */
async function open(hash = ''): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`playground${hash.slice(0, 20)}: console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`playground: ${e.message}`));
  await page.goto(`${site}/playground/${hash}`);
  await poll(() => page.locator('[data-playground]').getAttribute('data-pg-ready')).toBe('true');
  return { context, page };
}

function editorText(page: Page): Promise<string> {
  return page.locator('.cm-content').evaluate((e) => [...e.querySelectorAll('.cm-line')].map((l) => l.textContent).join('\n'));
}

async function setEditorText(page: Page, text: string): Promise<void> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
  // CodeMirror draws only the lines in view (the end, after typing): a long text is compared by its end.
  const lines = text.split('\n');
  if (lines.length < 30) await poll(() => editorText(page)).toBe(text);
  else await poll(() => editorText(page).then((t) => t.split('\n').slice(-5))).toEqual(lines.slice(-5));
}

/** The summary as rows of cell texts, per table, then the train lines. */
function summary(page: Page): Promise<string[][]> {
  return page.locator('[data-pg-summary]').evaluate((e) => [
    ...[...e.querySelectorAll('table')].flatMap((t) => [
      [t.querySelector('caption')?.textContent ?? ''],
      ...[...t.querySelectorAll('tr')].map((r) => [...r.cells].map((c) => c.textContent ?? '')),
    ]),
    [...e.querySelectorAll('li')].map((l) => l.textContent ?? ''),
  ]);
}

describe('sharing', () => {
  test('a spec written here and shared reopens in a fresh browser as the same spec with the same summary', async () => {
    const a = await open();
    expect(await editorText(a.page)).toBe(DEFAULT_SPEC);
    await setEditorText(a.page, MY_SPEC);
    await poll(() => a.page.locator('[data-pg-summary] caption').first().textContent()).toMatch(/^Curly:/);
    await a.page.getByRole('button', { name: 'Share' }).click();
    await poll(() => a.page.locator('[data-playground]').getAttribute('data-pg-shared')).toBe('ok');
    const link = await a.page.locator('#pg-link').inputValue();
    expect(link).toMatch(new RegExp(`^${site}/playground/#spec=1\\.`));
    expect(a.page.url()).toBe(link);
    expect(link.length).toBeLessThanOrEqual(MAX_LINK_CHARS);
    const before = await summary(a.page);
    // An edit after sharing puts back the address that reopens the edits, so a reload
    // shows the latest text rather than the shared one.
    await a.page.locator('.cm-content').click();
    await a.page.keyboard.press('Control+End');
    await a.page.keyboard.insertText('# more\n');
    await poll(() => a.page.evaluate(() => location.hash)).toBe('');
    await poll(() => a.page.locator('.dl-edit-state').textContent()).toContain('saved in this browser');
    await a.page.waitForTimeout(500); // the live island's save is debounced
    await a.page.reload();
    await poll(() => a.page.locator('[data-playground]').getAttribute('data-pg-ready')).toBe('true');
    expect(await editorText(a.page)).toBe(`${MY_SPEC}# more\n`);
    await a.context.close();

    const b = await open(new URL(link).hash);
    expect(await editorText(b.page)).toBe(MY_SPEC);
    await poll(() => summary(b.page)).toEqual(before);
    await expect(b.page.locator('[data-pg-status]').textContent()).resolves.toBe('Opened the spec from the link.');
    await expect(b.page.locator('[data-pg-message]').isHidden()).resolves.toBe(true);

    // The summary is the one `dlc summary` prints: layer names, the layers as written,
    // output shapes, parameters, and the train block with every setting resolved.
    const cli = spawnSync(process.execPath, [`${ROOT}bin/dlc.js`, 'summary', '-'], { input: MY_SPEC, encoding: 'utf8', cwd: ROOT });
    expect(cli.status, cli.stderr).toBe(0);
    const lines = cli.stdout.trimEnd().split('\n');
    const net = compile(MY_SPEC).graph!.nets[0]!;
    expect(before[0]).toEqual([`Curly: ${net.paramCount.toLocaleString('en-US')} parameters, input [2], output [1]`]);
    const layerRows = before.filter((r) => /^layers\.\d+$/.test(r[0] ?? ''));
    expect(layerRows).toEqual(lines.filter((l) => /^layers\.\d+ /.test(l)).map((l) => l.split(/ {3,}/)));
    // The train block with every setting resolved, then the run's estimated cost.
    expect(before.at(-1)).toEqual([lines.at(-2), lines.at(-1)]);
    expect(lines.at(-2)).toMatch(/^train Curly on spiral n=300 noise=0.1: loss bce_logits, optimizer sgd lr=0.05 momentum=0.8, batch 16, epochs 5/);
    expect(lines.at(-1)).toMatch(/^ {2}estimated: \d+ MB of memory and .* per epoch on 300 examples/);
    await b.context.close();
  });

  test('a link cut short or changed says it is damaged and opens the default spec', async () => {
    const fragment = await encodeSpec(MY_SPEC);
    const changed = fragment.slice(0, -6) + (fragment.at(-6) === 'A' ? 'B' : 'A') + fragment.slice(-5);
    for (const hash of [`#${fragment.slice(0, -8)}`, `#${changed}`]) {
      const { context, page } = await open(hash);
      await poll(() => page.locator('[data-pg-message]').textContent()).toBe(
        'The link is damaged (cut short or changed on the way), so it cannot be read. Showing the default spec instead.');
      await expect(page.locator('[data-pg-message]').isVisible()).resolves.toBe(true);
      expect(await editorText(page)).toBe(DEFAULT_SPEC);
      await poll(() => page.locator('[data-pg-summary] caption').first().textContent()).toMatch(/^Xor:/);
      await context.close();
    }
  });

  test('a link with HTML in every string of its spec shows the HTML as text and runs none of it', async () => {
    const html = '<img src=x onerror="window.pwned=1"><b>bold</b><script>window.pwned=2</script>';
    const spec = `# ${html}\nnet T <\n  linear 4->8; relu; # ${html}\n  linear 8->3\n>\n\ntrain T on csv file="${html.replace(/"/g, "'")}.csv" <\n  loss cross_entropy; # ${html}\n  epochs 3\n>\n`;
    expect(compile(spec).diagnostics).toEqual([]);
    const { context, page } = await open(`#${await encodeSpec(spec)}`);
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs += 1;
      void d.dismiss();
    });
    expect(await editorText(page)).toBe(spec);
    const file = `${html.replace(/"/g, "'")}.csv`;
    await poll(() => page.locator('[data-pg-summary] li').textContent()).toContain(`train T on csv file=${JSON.stringify(file)}: loss cross_entropy,`);
    // The live island's file picker names the path as text too.
    await poll(() => page.locator('label', { hasText: `Data file (${file})` }).count()).toBe(1);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('main img, main b, main script:not([type]):not([src])').count()).toBe(0);
    expect(dialogs).toBe(0);
    await context.close();
  });

  test('a spec too long for a link is not shared, and the page says why', async () => {
    const { context, page } = await open();
    // Random text barely compresses: its link would pass the limit.
    const long = `${DEFAULT_SPEC}${Array.from({ length: 160 }, () => `# ${randomBytes(40).toString('base64')}`).join('\n')}\n`;
    await setEditorText(page, long);
    await page.getByRole('button', { name: 'Share' }).click();
    await poll(() => page.locator('[data-playground]').getAttribute('data-pg-shared')).toBe('too-long');
    expect(await page.locator('[data-pg-message]').textContent()).toMatch(
      /^This spec is too long to share by link: its link would be [\d,]+ characters, and links are kept under 8,000\./);
    expect(new URL(page.url()).hash).toBe('');
    await context.close();
  });
});

describe('training', () => {
  test('a dataset starter trains in the page, TensorFlow.js loads only on Train, and the PyTorch program downloads', async () => {
    const { context, page } = await open();
    const scripts: string[] = [];
    context.on('response', async (r) => {
      if (/\.m?js($|\?)/.test(r.url())) scripts.push(await r.text().catch(() => ''));
    });
    await page.locator('#pg-dataset').selectOption('gauss');
    const gauss = STARTERS.find((s) => s.dataset === 'gauss')!.spec;
    await poll(() => editorText(page)).toBe(gauss);
    await poll(() => page.locator('[data-pg-summary] caption').first().textContent()).toMatch(/^Blobs:/);
    await page.waitForTimeout(500);
    expect(scripts.some((s) => s.includes('_tfengine'))).toBe(false);

    const live = page.locator('[data-pg-live]');
    await poll(() => live.getByRole('button', { name: 'Train' }).isEnabled()).toBe(true);
    await live.getByRole('button', { name: 'Train' }).click();
    await poll(() => live.getAttribute('data-runs-done'), 240_000).toBe('1');
    const status = await live.locator('.dl-status').textContent();
    expect(status).toMatch(/^Done: 30 epochs/);
    expect(Number(await live.getAttribute('data-test-accuracy'))).toBeGreaterThan(0.9);
    expect(scripts.some((s) => s.includes('_tfengine'))).toBe(true);
    await expect(live.locator('.dl-views').isVisible()).resolves.toBe(true);
    await expect(live.locator('.dl-boundary canvas').isVisible()).resolves.toBe(true);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PyTorch program (.py)' }).click()]);
    expect(download.suggestedFilename()).toBe('blobs.py');
    const program = readFileSync(await download.path(), 'utf8');
    expect(program).toContain('import torch');
    expect(program).toContain('class Blobs(nn.Module)');
    await context.close();
  });

  test('a csv spec trains on a file chosen from the computer, which is never sent anywhere', async () => {
    const { context, page } = await open();
    const sent: string[] = [];
    context.on('request', (r) => {
      if (r.method() !== 'GET' || r.postData() !== null) sent.push(`${r.method()} ${r.url()}`);
    });
    await page.locator('#pg-dataset').selectOption('csv');
    const live = page.locator('[data-pg-live]');
    const picker = live.getByLabel('Data file (my-data.csv)');
    await poll(() => picker.isVisible()).toBe(true);
    await live.getByRole('button', { name: 'Train' }).click();
    await poll(() => live.locator('.dl-status').textContent()).toMatch(/choose that file on your computer first/);
    await picker.setInputFiles({ name: 'flowers.csv', mimeType: 'text/csv', buffer: readFileSync(`${ROOT}specs/data/flowers.csv`) });
    await poll(() => live.locator('.dl-status').textContent()).toBe('flowers.csv will be read as my-data.csv.');
    await live.getByRole('button', { name: 'Train' }).click();
    await poll(() => live.getAttribute('data-runs-done'), 240_000).toBe('1');
    expect(await live.locator('.dl-status').textContent()).toMatch(/^Done: 50 epochs/);
    expect(Number(await live.getAttribute('data-test-accuracy'))).toBeGreaterThan(0.8);
    expect(sent).toEqual([]);
    await context.close();
  });

  test('nothing was logged as an error', () => {
    expect(problems).toEqual([]);
  });
});

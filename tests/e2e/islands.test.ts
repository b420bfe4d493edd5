// The live spec islands of the built site in Debian's Chromium: a lesson loads no editor
// and no TensorFlow.js before the reader interacts; an error typed in the editor is
// underlined where the compiler (run here in Node on the same text) says, with its message,
// and fixing it clears it; edits survive a reload and Reset restores the original; the
// lesson's Iris spec trains on WASM and on WebGL (Chromium's software WebGL) to the test
// accuracy the exported PyTorch program reaches; a long run stops after the current batch
// while the page keeps handling input; repeated runs leave no live tensors behind; and
// nothing is logged as an error on the way.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axe from 'axe-core';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { compile } from '../../compiler/index.ts';
import { toPyTorch } from '../../compiler/emit/pytorch.ts';
import { evaluate, train } from '../../compiler/runtime/train.ts';
import { loadDataset } from '../../compiler/runtime/datasets/index.ts';
import { splitDataset } from '../../compiler/runtime/data.ts';
import { decodeSafetensors } from '../../compiler/emit/safetensors.ts';
import { readWeightsMetadata } from '../../compiler/emit/weights-metadata.ts';
import { VOCABULARY } from '../../compiler/check/vocabulary.ts';
import { launchChromium, sitemapPaths } from './browser.ts';

const site = inject('siteUrl');
const IRIS = '[data-spec-island][data-spec-source*="train Iris on iris"]';
const TRAIN_TIMEOUT = 180_000;

let browser: Browser;
let irisPath: string;
let irisSource: string;
/** Console errors and uncaught exceptions of every page, checked by the last test. */
const problems: string[] = [];

async function open(path: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await browser.newPage({ colorScheme });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${path}: console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${path}: ${e.message}`));
  await page.goto(`${site}${path}`);
  return page;
}

function poll<T>(read: () => Promise<T>, timeout = 20_000) {
  return expect.poll(read, { timeout, interval: 100 });
}

/** Opens the editor of an island with the keyboard (Tab to Edit, Enter), as a reader could. */
async function openEditor(page: Page, island: Locator): Promise<Locator> {
  await island.getByRole('button', { name: 'Edit' }).focus();
  await page.keyboard.press('Enter');
  const content = island.locator('.cm-content');
  await content.waitFor({ timeout: 30_000 });
  return content;
}

/** Replaces the editor's text, as a paste would. */
async function setEditorText(page: Page, content: Locator, text: string): Promise<void> {
  // Waits for the linter's compile of the text too: what it shows (diagnostics, the csv file
  // chooser) moves the training bar, and a click during that move can miss its button.
  await content.evaluate((e) => {
    const island = e.closest<HTMLElement>('[data-spec-island]')!;
    island.addEventListener('dl-spec-checked', (event) => {
      island.dataset.testChecked = (event as CustomEvent<{ source: string }>).detail.source;
    });
  });
  await content.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
  await poll(() => editorText(content)).toBe(text);
  await poll(() => content.evaluate((e) => e.closest<HTMLElement>('[data-spec-island]')!.dataset.testChecked)).toBe(text);
}

/** The editor's text, line by line as CodeMirror renders it. */
function editorText(content: Locator): Promise<string> {
  return content.evaluate((e) => [...e.querySelectorAll('.cm-line')].map((l) => l.textContent).join('\n'));
}

/** Selects `length` characters at `offset` with the arrow keys, then types `text` over them. */
async function typeOver(page: Page, offset: number, length: number, text: string): Promise<void> {
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < offset; i++) await page.keyboard.press('ArrowRight');
  for (let i = 0; i < length; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.type(text);
  await page.keyboard.press('Escape'); // closes the completion list, if one opened
}

interface RunResult {
  backend: string;
  testAccuracy: number;
  testLoss: number;
  numTensors: number;
  status: string;
}

/** Clicks Train with the chosen backend and waits for the run to end. */
async function trainOnce(island: Locator, backend: string): Promise<RunResult> {
  const mount = island.locator('[data-spec-live]');
  await island.getByLabel('Backend').selectOption(backend);
  const before = await mount.getAttribute('data-runs-done');
  await island.getByRole('button', { name: 'Train', exact: true }).click();
  await poll(() => mount.getAttribute('data-runs-done'), TRAIN_TIMEOUT).not.toBe(before);
  await poll(() => mount.getAttribute('data-run-state')).toBe('idle');
  return {
    backend: (await mount.getAttribute('data-backend-used')) ?? '',
    testAccuracy: Number(await mount.getAttribute('data-test-accuracy')),
    testLoss: Number((await island.locator('[data-metric="test-loss"]').allTextContents())[0] ?? NaN),
    numTensors: Number(await mount.getAttribute('data-num-tensors')),
    status: (await island.locator('.dl-status').textContent()) ?? '',
  };
}

/** PyTorch's final test loss and accuracy for a spec: its exported program, run by Debian's PyTorch. */
function pytorchResult(source: string): { testLoss: number; testAccuracy: number } {
  const { graph } = compile(source);
  if (!graph) throw new Error('the Iris spec does not compile');
  const dir = mkdtempSync(join(tmpdir(), 'dlc-islands-'));
  const program = join(dir, 'iris.py');
  writeFileSync(program, toPyTorch(graph, { mode: 'program', source: 'iris.dl' }));
  const run = spawnSync('/usr/bin/python3', [program], { encoding: 'utf8', timeout: 240_000 });
  if (run.status !== 0) throw new Error(`the PyTorch program failed:\n${run.stderr}`);
  const final = /^final .*test loss ([\d.]+) acc ([\d.]+)/m.exec(run.stdout);
  if (!final) throw new Error(`no final line in the PyTorch output:\n${run.stdout}`);
  return { testLoss: Number(final[1]), testAccuracy: Number(final[2]) };
}

let torch: { testLoss: number; testAccuracy: number };

async function download(page: Page, button: Locator): Promise<Uint8Array> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return readFileSync(await file.path());
}

/**
 * The downloaded spec is the editor's text, and the downloaded weights, evaluated in Node
 * on the same test split with the standardisation their metadata records, score the
 * accuracy the page reported.
 */
async function checkDownloads(page: Page, island: Locator, pageAccuracy: number): Promise<void> {
  const spec = new TextDecoder().decode(await download(page, island.getByRole('button', { name: /Download spec/ })));
  expect(spec).toBe(irisSource);
  const { tensors, metadata } = decodeSafetensors(await download(page, island.getByRole('button', { name: /Download weights/ })));
  const info = readWeightsMetadata(metadata);
  const { graph } = compile(spec);
  const block = graph!.trains[0];
  const net = graph!.nets.find((n) => n.name === block.net)!;
  expect(info.net).toBe(net.name);
  const { test } = splitDataset(loadDataset(block.dataset, { seed: block.seed }), block.split, block.seed);
  const scored = await evaluate(net, tensors, test!, block.loss, { backend: 'cpu', standardize: info.standardize });
  expect(scored.accuracy).toBeCloseTo(pageAccuracy, 6);
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
  if (!irisPath) throw new Error('no page of the site embeds the Iris spec (train Iris on iris)');
  const page = await open(irisPath);
  irisSource = (await page.locator(IRIS).first().getAttribute('data-spec-source')) ?? '';
  await page.close();
  torch = pytorchResult(irisSource);
}, 600_000);

afterAll(async () => {
  await browser?.close();
});

describe('live spec islands', () => {
  test('a lesson loads neither the editor nor TensorFlow.js before the reader interacts; pointing at an island warms the worker; Train then works with auto', async () => {
    const page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`static view: console error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`static view: ${e.message}`));
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    // Bytes Chromium fetched (bodies and headers), by URL; worker requests are reported too.
    const fetched: { url: string; bytes: number }[] = [];
    page.on('requestfinished', async (r) => {
      const s = await r.sizes();
      fetched.push({ url: r.url(), bytes: s.responseBodySize + s.responseHeadersSize });
    });
    const heavyBytes = (re: RegExp) => fetched.filter((f) => re.test(f.url)).reduce((sum, f) => sum + f.bytes, 0);
    const loadedAt = Date.now();
    await page.goto(`${site}${irisPath}`, { waitUntil: 'networkidle' });
    await poll(() => page.locator(`${IRIS} [data-spec-live] button`).count()).toBe(2);
    // Five seconds without input: no editor, no worker, no TensorFlow.js, no wasm.
    await page.waitForTimeout(Math.max(0, 5000 - (Date.now() - loadedAt)));
    const heavy = requested.filter((u) => /live-spec|train-worker|tfjs|\.wasm/.test(u));
    expect(heavy).toEqual([]);
    expect(heavyBytes(/train-worker|tfjs|\.wasm/)).toBe(0);
    expect(fetched.reduce((sum, f) => sum + f.bytes, 0)).toBeGreaterThan(0);

    // The pointer entering the island starts the worker, which fetches the wasm before any click.
    await page.locator(IRIS).hover();
    await poll(async () => heavyBytes(/\.wasm/), 60_000).toBeGreaterThan(100_000);
    expect(heavyBytes(/train-worker/)).toBeGreaterThan(0);
    expect(await page.locator(`${IRIS} [data-spec-live]`).getAttribute('data-enhanced')).toBe('loader');

    // Train straight from the static view: the editor and the worker load, `auto` picks a
    // backend, and the page says which and why.
    const mount = page.locator(`${IRIS} [data-spec-live]`);
    await page.locator(IRIS).getByRole('button', { name: 'Train' }).click();
    await poll(() => mount.getAttribute('data-runs-done'), TRAIN_TIMEOUT).toBe('1');
    // Iris is a small net, and Chromium here has only software WebGL: auto takes WebAssembly
    // and says why.
    expect(await mount.getAttribute('data-backend-used')).toBe('wasm');
    expect(await page.locator(`${IRIS} .dl-backend-used`).textContent()).toMatch(/^Running on WASM \(CPU\)\. Auto: small net, [\d.]+ MFLOP a step, trains faster on the CPU\.$/);
    expect(await page.locator(`${IRIS} .dl-status`).textContent()).toMatch(/^Done: 100 epochs/);
    await page.close();
  }, 300_000);

  test('an error typed in the editor is underlined at the compiler\'s span with its message and help; fixing it clears it', async () => {
    const page = await open(irisPath);
    const island = page.locator(IRIS);
    const content = await openEditor(page, island);

    const at = irisSource.indexOf('relu');
    const edited = `${irisSource.slice(0, at)}rleu${irisSource.slice(at + 4)}`;
    const expected = compile(edited).diagnostics.find((d) => d.severity === 'error');
    if (!expected) throw new Error('the misspelt spec should not compile');
    const lineText = edited.split('\n')[expected.line - 1];
    const underlined = lineText.slice(expected.column - 1, expected.line === expected.endLine ? expected.endColumn - 1 : undefined);
    expect(underlined).toBe('rleu');

    await content.focus();
    await typeOver(page, at, 4, 'rleu');
    const mark = island.locator('.cm-lintRange-error');
    await poll(() => mark.count()).toBeGreaterThan(0);
    const where = await mark.first().evaluate((el) => {
      const line = el.closest('.cm-line')!;
      const range = document.createRange();
      range.setStart(line, 0);
      range.setEndBefore(el);
      return { line: [...line.parentElement!.children].indexOf(line) + 1, column: range.toString().length + 1 };
    });
    expect((await mark.allTextContents()).join('')).toBe(underlined);
    expect(where).toEqual({ line: expected.line, column: expected.column });

    const item = island.locator('.dl-diag-list li').first();
    expect(await item.textContent()).toContain(`Line ${expected.line}, column ${expected.column}`);
    expect(await item.textContent()).toContain(expected.message);
    if (expected.help) expect(await item.textContent()).toContain(expected.help);
    await mark.first().hover();
    const tooltip = page.locator('.cm-tooltip-lint');
    await poll(() => tooltip.count()).toBe(1);
    expect(await tooltip.textContent()).toContain(expected.message);
    expect(await island.getByRole('button', { name: 'Train', exact: true }).isDisabled()).toBe(true);

    await content.focus();
    await typeOver(page, at, 4, 'relu');
    await poll(() => mark.count()).toBe(0);
    await poll(() => island.locator('.dl-diag-summary').textContent()).toBe('No problems found.');
    expect(await island.getByRole('button', { name: 'Train', exact: true }).isDisabled()).toBe(false);
    await page.close();
  });

  test('completion offers the compiler\'s layer, loss and data set names where they belong', async () => {
    const page = await open(irisPath);
    const island = page.locator(IRIS);
    const content = await openEditor(page, island);
    const names = (kind: string) => VOCABULARY.filter((w) => w.kind === kind).map((w) => w.name).sort();
    // The open list, once it has caught up with the typing: on a loaded machine the list of
    // the word typed before (`train`) can still be open when the next one is asked for.
    const offers = (expected: string[]) => {
      const list = page.locator('.cm-tooltip-autocomplete .cm-completionLabel');
      return poll(async () => (await list.allTextContents()).sort()).toEqual(expected);
    };

    await setEditorText(page, content, 'net A <\n  ');
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Control+Space');
    await offers(names('layer'));
    await page.keyboard.type('sigm');
    await offers(['sigmoid']);
    await page.keyboard.press('Enter');
    await page.keyboard.type('\n>\ntrain A on ');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Space');
    await offers(names('dataset'));
    await page.keyboard.type('xo');
    await page.keyboard.press('Enter');
    await page.keyboard.type(' <\nloss ');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Space');
    await offers(names('loss'));
    await page.keyboard.press('Escape');
    expect(await editorText(content)).toBe('net A <\n  sigmoid\n>\ntrain A on xor <\n  loss ');
    await page.close();
  });

  test('edits survive a reload, and Reset restores the original', async () => {
    const page = await open(irisPath);
    const island = page.locator(IRIS);
    let content = await openEditor(page, island);
    const edited = irisSource.replace('epochs 100', 'epochs 7');
    await setEditorText(page, content, edited);
    await poll(() => island.locator('.dl-edit-state').textContent()).toContain('saved in this browser');
    await page.waitForTimeout(500); // the save is debounced
    await page.reload();
    await poll(() => island.locator('.dl-live-note').first().textContent()).toContain('You edited this spec');
    content = await openEditor(page, island);
    expect(await editorText(content)).toBe(edited);
    await island.getByRole('button', { name: 'Reset to the original' }).click();
    expect(await editorText(content)).toBe(irisSource);
    await page.waitForTimeout(500);
    await page.reload();
    expect(await island.locator('.dl-live-note').first().textContent()).toBe('');
    await page.close();
  });

  test('when the browser refuses storage, editing still works and the page says edits will not be kept', async () => {
    const page = await browser.newPage();
    page.on('pageerror', (e) => problems.push(`storage refused: ${e.message}`));
    await page.addInitScript(() => {
      Storage.prototype.setItem = () => {
        throw new DOMException('storage is full', 'QuotaExceededError');
      };
    });
    await page.goto(`${site}${irisPath}`);
    const island = page.locator(IRIS);
    const content = await openEditor(page, island);
    await setEditorText(page, content, irisSource.replace('epochs 100', 'epochs 8'));
    await poll(() => island.locator('.dl-edit-state').textContent()).toContain('would not store your edits');
    await poll(() => island.locator('.dl-diag-summary').textContent()).toBe('No problems found.');
    await page.close();
  });

  for (const backend of ['wasm', 'webgl']) {
    test(`the Iris spec trains on ${backend} to the test accuracy PyTorch reaches`, async () => {
      const page = await open(irisPath);
      // Workers' requests included: everything, the wasm binaries too, comes from the site.
      const elsewhere: string[] = [];
      page.context().on('request', (req) => {
        if (!req.url().startsWith(site) && !/^(data|blob):/.test(req.url())) elsewhere.push(req.url());
      });
      const wasmFetched: string[] = [];
      page.context().on('requestfinished', (req) => {
        if (req.url().endsWith('.wasm')) wasmFetched.push(req.url());
      });
      const island = page.locator(IRIS);
      await openEditor(page, island);
      const r = await trainOnce(island, backend);
      console.log(`Iris on ${r.backend}: test accuracy ${r.testAccuracy}, test loss ${r.testLoss}; PyTorch ${torch.testAccuracy}, ${torch.testLoss}`);
      expect(r.backend).toBe(backend);
      expect(r.status).toMatch(/^Done: 100 epochs/);
      expect(r.testAccuracy).toBeGreaterThanOrEqual(0.85);
      // The runtime draws PyTorch's random numbers and follows it step by step, so the
      // browser ends where the exported program does (PyTorch prints 4 decimals).
      expect(r.testAccuracy).toBeCloseTo(torch.testAccuracy, 4);
      expect(r.testLoss).toBeCloseTo(torch.testLoss, 3);
      expect(elsewhere).toEqual([]);
      if (backend === 'wasm') {
        expect(wasmFetched.length).toBeGreaterThan(0);
        await checkDownloads(page, island, r.testAccuracy);
      }
      await page.close();
    }, 300_000);
  }

  test('a spec that trains on a csv file asks for the file, then trains on it as dlc train does', async () => {
    const specPath = new URL('../../specs/flowers.dl', import.meta.url);
    const spec = readFileSync(specPath, 'utf8');
    const { graph } = compile(spec);
    if (!graph) throw new Error('specs/flowers.dl should compile');
    const file = graph.trains[0].dataset.options.file as string;
    const csvPath = new URL(`../../specs/${file}`, import.meta.url);
    const expected = await train(graph, { backend: 'cpu', readFile: () => readFileSync(csvPath, 'utf8') });

    const page = await open(irisPath);
    const island = page.locator(IRIS);
    const content = await openEditor(page, island);
    await setEditorText(page, content, spec);
    await island.getByLabel('Backend').selectOption('wasm');
    // The file chooser appears in the training bar, left of Train, once the linter's pause has
    // compiled the new text: a click while it appears could land on the chooser instead.
    await island.getByLabel(`Data file (${file})`).waitFor({ state: 'visible' });
    await island.getByRole('button', { name: 'Train', exact: true }).click();
    await poll(() => island.locator('.dl-status').textContent()).toContain(`choose that file`);
    await island.getByLabel(`Data file (${file})`).setInputFiles(csvPath.pathname);
    await poll(() => island.locator('.dl-status').textContent()).toContain(`will be read as ${file}`);
    const r = await trainOnce(island, 'wasm');
    expect(r.status).toMatch(/^Done: 50 epochs/);
    expect(r.testAccuracy).toBeCloseTo(expected.final!.testAccuracy!, 4);
    await page.close();
  }, 300_000);

  test('a diverging run shows the runtime\'s message and what to try', async () => {
    const diverging = irisSource.replace(/optimizer adam lr=[\d.]+/, 'optimizer sgd lr=1000').replace('standardize;', '');
    const { graph } = compile(diverging);
    if (!graph) throw new Error('the diverging spec should compile');
    const expected = await train(graph, { backend: 'cpu' });
    expect(expected.stopped).toBe('diverged');

    const page = await open(irisPath);
    const island = page.locator(IRIS);
    const content = await openEditor(page, island);
    await setEditorText(page, content, diverging);
    await trainOnce(island, 'wasm');
    const alert = island.getByRole('alert');
    expect(await alert.textContent()).toContain(expected.message);
    expect(expected.message).toMatch(/lower learning rate/);
    await page.close();
  }, 300_000);

  test('Stop ends a long run after the current batch, and the page handles input while it trains', async () => {
    const page = await open(irisPath);
    const island = page.locator(IRIS);
    const mount = island.locator('[data-spec-live]');
    const content = await openEditor(page, island);
    await setEditorText(page, content, irisSource.replace('epochs 100', 'epochs 100000'));
    await island.getByLabel('Backend').selectOption('wasm');
    await island.getByRole('button', { name: 'Train', exact: true }).click();
    const progress = island.locator('progress');
    await poll(() => progress.evaluate((p) => (p as HTMLProgressElement).value), 60_000).toBeGreaterThanOrEqual(3);

    // Input while training: key presses and a click reach their handlers, and frames keep coming.
    await page.evaluate(() => {
      const w = window as unknown as { keys: number; keyLag: number };
      w.keys = 0;
      w.keyLag = 0;
      document.addEventListener('keydown', (e) => {
        w.keys += 1;
        w.keyLag = Math.max(w.keyLag, performance.now() - e.timeStamp);
      });
    });
    await island.getByRole('button', { name: 'Stop' }).focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('Shift');
    await island.locator('.dl-pytorch summary').click();
    const frames = await page.evaluate(
      () =>
        new Promise<{ frames: number; longestFrame: number; lag: number; longTasks: number }>((resolve) => {
          // Long tasks are the page's own work blocking input; frame gaps and timer lag
          // also count time the shared machine gives to other processes.
          let longTasks = 0;
          const observer = new PerformanceObserver((list) => {
            longTasks += list.getEntries().length;
          });
          observer.observe({ type: 'longtask' });
          let frames = 0;
          let longestFrame = 0;
          let lag = 0;
          let last = performance.now();
          let expected = last + 50;
          const timer = setInterval(() => {
            lag = Math.max(lag, performance.now() - expected);
            expected = performance.now() + 50;
          }, 50);
          const end = last + 1500;
          const frame = (t: number) => {
            frames += 1;
            longestFrame = Math.max(longestFrame, t - last);
            last = t;
            if (t < end) requestAnimationFrame(frame);
            else {
              clearInterval(timer);
              observer.disconnect();
              resolve({ frames, longestFrame, lag, longTasks });
            }
          };
          requestAnimationFrame(frame);
        }),
    );
    const keys = await page.evaluate(() => {
      const w = window as unknown as { keys: number; keyLag: number };
      return { keys: w.keys, keyLag: w.keyLag };
    });
    expect(await mount.getAttribute('data-run-state')).toBe('running');
    console.log(
      `while training: ${keys.keys} key presses handled (longest ${keys.keyLag.toFixed(1)} ms), ` +
        `${frames.frames} frames in 1.5 s (longest ${frames.longestFrame.toFixed(1)} ms), timer lag up to ${frames.lag.toFixed(1)} ms, ` +
        `${frames.longTasks} long tasks (> 50 ms) on the page`,
    );
    expect(keys.keys).toBe(5);
    expect(frames.frames).toBeGreaterThan(1);
    expect(await island.locator('.dl-pytorch').getAttribute('open')).not.toBeNull();
    expect(await island.locator('.dl-pytorch code').textContent()).toContain('import torch');

    const stopClicked = Date.now();
    await island.getByRole('button', { name: 'Stop' }).click();
    await poll(() => mount.getAttribute('data-run-state'), 60_000).toBe('idle');
    console.log(`Stop took ${Date.now() - stopClicked} ms to return to idle`);
    const status = (await island.locator('.dl-status').textContent()) ?? '';
    const stoppedAfter = Number(/^Stopped after (\d+) epoch/.exec(status)?.[1]);
    expect(stoppedAfter).toBeGreaterThanOrEqual(3);
    expect(stoppedAfter).toBeLessThan(100000);
    expect(await island.getByRole('button', { name: 'Train', exact: true }).isDisabled()).toBe(false);
    expect(await island.getByRole('button', { name: 'Stop' }).isDisabled()).toBe(true);
    await page.close();
  }, 300_000);

  test('repeated runs, finished and stopped, leave the same number of live tensors', async () => {
    const page = await open(irisPath);
    const island = page.locator(IRIS);
    const mount = island.locator('[data-spec-live]');
    const content = await openEditor(page, island);
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) counts.push((await trainOnce(island, 'wasm')).numTensors);

    await setEditorText(page, content, irisSource.replace('epochs 100', 'epochs 100000'));
    const before = await mount.getAttribute('data-runs-done');
    await island.getByRole('button', { name: 'Train', exact: true }).click();
    await poll(() => island.locator('progress').evaluate((p) => (p as HTMLProgressElement).value), 60_000).toBeGreaterThanOrEqual(1);
    await island.getByRole('button', { name: 'Stop' }).click();
    await poll(() => mount.getAttribute('data-runs-done'), TRAIN_TIMEOUT).not.toBe(before);
    expect(await island.locator('.dl-status').textContent()).toMatch(/^Stopped after/);
    counts.push(Number(await mount.getAttribute('data-num-tensors')));
    await setEditorText(page, content, irisSource);
    counts.push((await trainOnce(island, 'wasm')).numTensors);
    console.log(`live tensors after each run: ${counts.join(', ')}`);
    expect(new Set(counts).size).toBe(1);
    await page.close();
  }, 300_000);

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`axe finds no serious or critical violations in a trained island (${colorScheme} theme)`, async () => {
      const page = await open(irisPath, colorScheme);
      const island = page.locator(IRIS);
      await openEditor(page, island);
      await trainOnce(island, 'wasm');
      await island.locator('.dl-pytorch summary').click();
      await page.addScriptTag({ content: axe.source });
      const violations = await page.evaluate(async (selector) => {
        const result = await (window as unknown as { axe: typeof axe }).axe.run(selector, { resultTypes: ['violations'] });
        return result.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
      }, IRIS);
      expect(violations).toEqual([]);
      await page.close();
    }, 300_000);
  }

  test('nothing was logged as an error', () => {
    expect(problems).toEqual([]);
  });
});

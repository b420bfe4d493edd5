/**
 * The webgl backend, which only a browser has: every PyTorch reference case run in Debian's
 * Chromium (headless, so WebGL is SwiftShader's software GL) with the same checks as the
 * Node conformance test. The runtime and the checks are bundled with esbuild, as a site
 * bundles them.
 *
 * Every step case (forward, loss, every gradient, buffers) must meet its tolerance. A
 * trajectory must run every step with finite losses and meet its tolerance on the first
 * loss; the later ones are printed, not asserted: the GPU's exp and log are about ten times
 * less precise than float32 arithmetic (SwiftShader: exp 6e-7, log 2e-5 relative), and
 * Adam's first updates, about lr * sign(grad), turn a 1% error in a gradient that is a
 * near-cancelling sum into a different path (rt_adam_options_bce_logits_trajectory drifts
 * from its third step). On cpu and wasm every trajectory meets its tolerance.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../e2e/browser.ts';
import type { BrowserRun } from './browser-conformance.ts';
import type { RefCase } from './conformance-check.ts';

const FOLDER = join(import.meta.dirname, '..', 'fixtures', 'pytorch');
const CASES = readdirSync(FOLDER)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(FOLDER, f), 'utf8')) as RefCase);

let browser: Browser;
let run: BrowserRun;

describe('PyTorch conformance on webgl, in Chromium', () => {
  beforeAll(async () => {
    const bundle = await build({
      entryPoints: [join(import.meta.dirname, 'browser-conformance.ts')],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      write: false,
      logLevel: 'silent',
    });
    browser = await launchChromium();
    const page = await browser.newPage();
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    run = await page.evaluate(
      ([cases]) => (globalThis as unknown as { dlcConformance: (c: unknown, b: string) => Promise<BrowserRun> }).dlcConformance(cases, 'webgl'),
      [CASES] as const,
    );
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('runs on webgl', () => {
    expect(run.used).toBe('webgl');
  });

  it.each(CASES.map((c) => [c.name, c.kind] as const))('%s', (name, kind) => {
    const result = run.results.find((r) => r.name === name)!;
    expect(result.error).toBeUndefined();
    console.log(`${name} on webgl: ${result.checks.map((k) => `${k.what} ${k.ratio.toFixed(3)}`).join(', ')}`);
    for (const k of result.checks) {
      const asserted = kind === 'step' || k.what === 'backend' || k.what === 'ran every step' || k.what === 'first loss';
      if (asserted) expect(k.fail, `${k.what}: ${k.fail}`).toBeUndefined();
    }
  });
});

// dlc in someone else's Astro site, as a reader would set it up: a site made outside this
// repository (tests/package/fixtures/astro-site: `integrations: [dlc(), mdx()]` with its own
// remark-math and rehype-katex, one MDX page with a ```dl fence, a <Spec src> from the
// site's specs/ and some $math$). One `astro build`: the page shows the specs' parameter
// counts and the typeset math, the WebAssembly binaries are in the site's own output, and in
// Chromium the island trains on them. Then `astro dev` serves the same page, and shows an
// edited spec file after the edit.
//
// The site is set up as an outsider would: `npm install` of dlc's tarball (the shared
// `packed()` of tests/package/outsider.ts, so the built integration and island, nothing built
// by this test) with astro, @astrojs/mdx, @astrojs/markdown-remark (the config imports its
// `unified`), remark-math and rehype-katex, at the versions this checkout uses, from npm's
// cache where it can.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import { formatCount } from '../../integration/diagram/labels.ts';
import { launchChromium, serveDist } from '../e2e/browser.ts';
import { npmInstall, packed, ROOT } from './outsider.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/astro-site/', import.meta.url));
const PACKAGES = ['astro', '@astrojs/mdx', '@astrojs/markdown-remark', 'remark-math', 'rehype-katex'];
/** `name@version` as this checkout has it installed: the versions dlc is tested with. */
const pinned = (name: string) => `${name}@${JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version}`;
const TEX = String.raw`L = -y \log \hat{y} - (1 - y) \log (1 - \hat{y})`;

const work = mkdtempSync(join(tmpdir(), 'dlc-astro-site-'));
const site = join(work, 'site');
const astro = join(site, 'node_modules', 'astro', 'bin', 'astro.mjs');
const page = readFileSync(join(FIXTURE, 'src/pages/index.mdx'), 'utf8');
const spec = /```dl[^\n]*\n([\s\S]*?)```/.exec(page)![1];
const net = compile(spec).graph!.nets[0];

/** The caption of a net's summary table. */
function caption(source: string): string {
  const { name, paramCount } = compile(source).graph!.nets[0];
  return `<caption>${name}: ${formatCount(paramCount)} parameters</caption>`;
}
const SMALL = readFileSync(join(FIXTURE, 'specs/small.dl'), 'utf8');
const WIDER = SMALL.replace('linear 3->2', 'linear 3->4');

/**
 * The environment of Astro's CLI: no telemetry, and none of Vitest's variables (NODE_ENV=test;
 * with VITEST set, `astro dev` serves no pages).
 */
function astroEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
  for (const name of Object.keys(env)) if (name === 'NODE_ENV' || name.startsWith('VITEST')) delete env[name];
  return env;
}

let html = '';

/** Astro's scoped-style markers (`data-astro-cid-*`) and dev-mode source locations are noise to these checks. */
function withoutScopeMarks(page: string): string {
  return page.replace(/ data-astro-(?:cid-\w+|source-(?:file|loc)="[^"]*")/g, '');
}

beforeAll(async () => {
  cpSync(FIXTURE, site, { recursive: true });
  npmInstall(site, packed(), ...PACKAGES.map(pinned));
  const build = spawnSync(process.execPath, [astro, 'build'], { cwd: site, env: astroEnv(), encoding: 'utf8', timeout: 600_000 });
  if (build.status !== 0) throw new Error(`astro build failed (exit ${build.status}):\n${build.stdout}\n${build.stderr}`);
  html = withoutScopeMarks(readFileSync(join(site, 'dist', 'index.html'), 'utf8'));
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('an Astro site with dlc', () => {
  it('has dlc from the tarball: the built integration and island, no sources', () => {
    const dlc = join(site, 'node_modules', 'dlc');
    expect(lstatSync(dlc).isSymbolicLink()).toBe(false);
    for (const file of ['build/integration/index.js', 'build/integration/components/Spec.astro', 'build/site/islands/spec/live-spec.js', 'build/site/islands/spec/train-worker.js']) {
      expect(existsSync(join(dlc, file)), file).toBe(true);
    }
    expect(readdirSync(dlc).filter((f) => ['integration', 'site', 'compiler', 'tests'].includes(f))).toEqual([]);
  });

  it('builds the page with the spec views and the site\'s own math', () => {
    expect(html).toContain(`<caption>Xor: ${formatCount(net.paramCount)} parameters</caption>`);
    expect(html).toContain(caption(SMALL));
    expect(html).toMatch(/<svg [^>]*role="img"/);
    expect(html).toContain('<details class="spec-pytorch">');
    // remark-math and rehype-katex still ran alongside dlc's plugin.
    expect(html).toContain('<span class="katex">');
    expect(html).toContain(`<annotation encoding="application/x-tex">${TEX.replace(/&/g, '&amp;')}</annotation>`);
  });

  it('emits the WebAssembly binaries of the training backend into the site\'s output', () => {
    const files = readdirSync(join(site, 'dist', '_astro'));
    for (const binary of ['tfjs-backend-wasm', 'tfjs-backend-wasm-simd', 'tfjs-backend-wasm-threaded-simd']) {
      expect(files.some((f) => new RegExp(`^${binary}-[\\w-]+\\.wasm$`).test(f))).toBe(true);
    }
  });

  it('trains the spec in Chromium on the site\'s own WebAssembly backend', async () => {
    const server = await serveDist(join(site, 'dist'));
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const tab = await browser.newPage();
      const problems: string[] = [];
      const requests: string[] = [];
      tab.on('pageerror', (e) => problems.push(e.message));
      // Failed loads are reported with their address by the response handler.
      tab.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && problems.push(m.text()));
      // The site has no favicon, which Chromium asks for on its own.
      tab.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/favicon.ico') && problems.push(`${r.status()} ${r.url()}`));
      tab.on('request', (r) => requests.push(r.url()));
      await tab.goto(`${server.url}/`);
      const island = tab.locator('[data-spec-island]', { hasText: 'train Xor' });
      const mount = island.locator('[data-spec-live]');
      await island.getByRole('button', { name: 'Edit' }).click();
      await island.getByLabel('Backend').selectOption('wasm');
      await island.getByRole('button', { name: 'Train', exact: true }).click();
      await expect.poll(() => mount.getAttribute('data-runs-done'), { timeout: 180_000, interval: 200 }).toBe('1');
      expect(await mount.getAttribute('data-backend-used')).toBe('wasm');
      expect(await island.locator('.dl-status').textContent()).toMatch(/^Done: 60 epochs/);
      // XOR with one hidden layer of 8 is learnt; how well differs in late digits by CPU.
      expect(Number(await mount.getAttribute('data-test-accuracy'))).toBeGreaterThan(0.9);
      expect(requests.filter((u) => u.endsWith('.wasm')).every((u) => u.startsWith(`${server.url}/_astro/`))).toBe(true);
      expect(requests.some((u) => u.endsWith('.wasm'))).toBe(true);
      expect(requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await browser?.close();
      await server.close();
    }
  }, 300_000);

  it('serves the same page with astro dev, and an edited spec file after the edit', async () => {
    const port = await freePort();
    const dev = spawn(process.execPath, [astro, 'dev', '--host', '127.0.0.1', '--port', String(port)], {
      cwd: site, env: astroEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    dev.stdout.on('data', (d) => (output += d));
    dev.stderr.on('data', (d) => (output += d));
    try {
      const response = await fetchWhenUp(`http://127.0.0.1:${port}/`, () => dev.exitCode, 240_000);
      if (response?.status !== 200) throw new Error(`astro dev did not serve the page (${response?.status ?? 'no answer'}):\n${output}`);
      const served = withoutScopeMarks(response.text);
      expect(served).toContain(`<caption>Xor: ${formatCount(net.paramCount)} parameters</caption>`);
      expect(served).toContain('<span class="katex">');
      expect(served).toContain(caption(SMALL));

      writeFileSync(join(site, 'specs', 'small.dl'), WIDER);
      await expect.poll(async () => withoutScopeMarks(await (await fetch(`http://127.0.0.1:${port}/`)).text()), { timeout: 60_000, interval: 500 })
        .toContain(caption(WIDER));
    } finally {
      // The whole process group: astro dev and anything it started.
      if (dev.exitCode === null) process.kill(-dev.pid!, 'SIGTERM');
    }
  }, 300_000);
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The server's answer once it is 200, or its last answer (null: none) when it exits or time
 * runs out. A dev server that has just started may answer 404 while it loads the routes.
 */
async function fetchWhenUp(url: string, exited: () => number | null, timeout: number): Promise<{ status: number; text: string } | null> {
  const deadline = Date.now() + timeout;
  let last: { status: number; text: string } | null = null;
  while (Date.now() < deadline && exited() === null) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(Math.max(1000, deadline - Date.now())) });
      last = { status: response.status, text: await response.text() };
      if (last.status === 200) return last;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return last;
}

/**
 * `npx node bench/wasm-threads.ts [rounds]`: do tfjs-backend-wasm's threads help the lesson
 * nets? In Debian's Chromium, on a cross-origin-isolated page (COOP/COEP, as
 * docs/deployment.md serves the site), one training step (forward, gradients, SGD update)
 * of three nets shaped like the lessons' (the CNN: its forward pass only) is timed on
 *
 * - `simd`: the SIMD binary (the page without COOP/COEP, what tfjs loads there),
 * - `threads N`: the threaded-SIMD binary with `setThreadsCount(N)`, N = 1, 2, 4,
 *
 * each in a fresh page (the thread count is fixed when the backend starts). Rounds alternate
 * the configurations; each figure is the median over rounds of the mean step time of
 * STEPS steps after WARM steps. Ratios are against `simd`, measured in the same run. The
 * machine's core count (`navigator.hardwareConcurrency`) is printed: threads beyond it
 * cannot help.
 *
 * The page loads tfjs-core's, tfjs-layers' (for the gradients) and tfjs-backend-wasm's browser bundles from node_modules,
 * so no site build is needed.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../tests/e2e/browser.ts';

const ROUNDS = Number(process.argv[2] ?? 5);
const STEPS = 40;
const WARM = 5;
const MODULES = fileURLToPath(new URL('../node_modules/@tensorflow/', import.meta.url));
const FILES: Record<string, [string, string]> = {
  '/tf-core.js': [`${MODULES}tfjs-core/dist/tf-core.min.js`, 'text/javascript'],
  // tfjs-layers' bundle registers the op gradients (tfjs-core's bundle has none).
  '/tf-layers.js': [`${MODULES}tfjs-layers/dist/tf-layers.min.js`, 'text/javascript'],
  '/tf-backend-wasm.js': [`${MODULES}tfjs-backend-wasm/dist/tf-backend-wasm.min.js`, 'text/javascript'],
  '/tfjs-backend-wasm.wasm': [`${MODULES}tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm`, 'application/wasm'],
  '/tfjs-backend-wasm-simd.wasm': [`${MODULES}tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm`, 'application/wasm'],
  '/tfjs-backend-wasm-threaded-simd.wasm': [`${MODULES}tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm`, 'application/wasm'],
};
const PAGE = '<!doctype html><meta charset="utf-8"><title>wasm threads</title><script src="/tf-core.js"></script><script src="/tf-layers.js"></script><script src="/tf-backend-wasm.js"></script>';

interface Config {
  name: string;
  isolated: boolean;
  threads: number;
}
const CONFIGS: Config[] = [
  { name: 'simd', isolated: false, threads: 1 },
  { name: 'threads 1', isolated: true, threads: 1 },
  { name: 'threads 2', isolated: true, threads: 2 },
  { name: 'threads 4', isolated: true, threads: 4 },
];
const NETS = ['Iris MLP 4-32-16-3, batch 120', 'Digits CNN 8x8, 8 filters 3x3, b. 64 (fwd)', 'LSTM 1->16, 20 steps, batch 32'];

/** Runs in the page: mean ms per training step of each net, and the page's facts. */
async function measure({ threads, steps, warm }: { threads: number; steps: number; warm: number }) {
  // Typed loosely: the globals come from the UMD bundles.
  const g = globalThis as unknown as { tf: any };
  const tf = g.tf;
  tf.wasm.setWasmPaths('/');
  if (threads > 1 || crossOriginIsolated) tf.wasm.setThreadsCount(threads);
  await tf.setBackend('wasm');
  await tf.ready();
  const rand = (shape: number[]) => tf.variable(tf.randomNormal(shape, 0, 0.3, 'float32', 1));
  const sgd = tf.train.sgd(0.01);
  const nets: Array<() => unknown> = [];
  {
    const x = tf.randomNormal([120, 4]);
    const y = tf.oneHot(tf.randomUniform([120], 0, 3, 'int32'), 3);
    const [w1, b1, w2, b2, w3, b3] = [rand([4, 32]), rand([32]), rand([32, 16]), rand([16]), rand([16, 3]), rand([3])];
    nets.push(() => sgd.minimize(() => tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2), b2)), w3), b3)), true, [w1, b1, w2, b2, w3, b3]));
  }
  {
    const x = tf.randomNormal([64, 8, 8, 1]);
    const y = tf.oneHot(tf.randomUniform([64], 0, 10, 'int32'), 10);
    const [k, kb, w, b] = [rand([3, 3, 1, 8]), rand([8]), rand([3 * 3 * 8, 10]), rand([10])];
    // Forward only: tfjs-backend-wasm has no Conv2DBackpropFilter kernel (dlc lowers it).
    nets.push(() => tf.tidy(() => {
      const h = tf.maxPool(tf.relu(tf.add(tf.conv2d(x, k, 1, 'valid'), kb)), 2, 2, 'valid');
      return tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(tf.reshape(h, [64, -1]), w), b));
    }));
  }
  {
    const H = 16;
    const xs = tf.randomNormal([20, 32, 1]);
    const y = tf.oneHot(tf.randomUniform([32], 0, 2, 'int32'), 2);
    const [wx, wh, bg, wo, bo] = [rand([1, 4 * H]), rand([H, 4 * H]), rand([4 * H]), rand([H, 2]), rand([2])];
    nets.push(() => sgd.minimize(() => {
      let h = tf.zeros([32, H]);
      let c = tf.zeros([32, H]);
      for (let t = 0; t < 20; t++) {
        const z = tf.add(tf.add(tf.matMul(tf.reshape(tf.slice(xs, [t, 0, 0], [1, 32, 1]), [32, 1]), wx), tf.matMul(h, wh)), bg);
        const [i, f, gg, o] = tf.split(z, 4, 1);
        c = tf.add(tf.mul(tf.sigmoid(f), c), tf.mul(tf.sigmoid(i), tf.tanh(gg)));
        h = tf.mul(tf.sigmoid(o), tf.tanh(c));
      }
      return tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(h, wo), bo));
    }, true, [wx, wh, bg, wo, bo]));
  }
  const ms: number[] = [];
  for (const step of nets) {
    for (let i = 0; i < warm; i++) (step() as { dataSync(): unknown }).dataSync();
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) (step() as { dataSync(): unknown }).dataSync();
    ms.push((performance.now() - t0) / steps);
  }
  return { ms, isolated: crossOriginIsolated, threads: tf.wasm.getThreadsCount(), cores: navigator.hardwareConcurrency };
}

async function serve(isolated: boolean) {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = FILES[path];
    const headers: Record<string, string> = isolated ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } : {};
    if (path === '/') res.writeHead(200, { ...headers, 'content-type': 'text/html' }).end(PAGE);
    else if (file) res.writeHead(200, { ...headers, 'content-type': file[1] }).end(readFileSync(file[0]));
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

async function once(browser: Browser, url: string, threads: number) {
  const page = await browser.newPage();
  try {
    await page.goto(url);
    return await page.evaluate(measure, { threads, steps: STEPS, warm: WARM });
  } finally {
    await page.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const servers = { isolated: await serve(true), plain: await serve(false) };
const browser = await launchChromium();
const times = new Map<string, number[][]>(CONFIGS.map((c) => [c.name, NETS.map(() => [])]));
let facts = '';
try {
  for (let r = 0; r < ROUNDS; r++) {
    for (const c of r % 2 ? [...CONFIGS].reverse() : CONFIGS) {
      const got = await once(browser, c.isolated ? servers.isolated.url : servers.plain.url, c.threads);
      if (got.isolated !== c.isolated) throw new Error(`${c.name}: crossOriginIsolated is ${got.isolated}`);
      got.ms.forEach((m, i) => times.get(c.name)![i].push(m));
      facts = `navigator.hardwareConcurrency ${got.cores}`;
    }
  }
} finally {
  await browser.close();
  servers.isolated.close();
  servers.plain.close();
}
console.log(`ms per training step on wasm, Chromium headless, median of ${ROUNDS} alternating rounds of ${STEPS} steps; ${facts}; ${new Date().toISOString()}`);
console.log(`${'net'.padEnd(44)}${CONFIGS.map((c) => c.name.padStart(14)).join('')}   (ratio to simd; < 1 is faster)`);
NETS.forEach((net, i) => {
  const base = median(times.get('simd')![i]);
  const cells = CONFIGS.map((c) => {
    const m = median(times.get(c.name)![i]);
    return `${m.toFixed(2)} ${c.name === 'simd' ? '     ' : `${(m / base).toFixed(2)}x`}`.padStart(14);
  });
  console.log(`${net.padEnd(44)}${cells.join('')}`);
});

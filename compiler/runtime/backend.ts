/**
 * Chooses and starts a TensorFlow.js backend. Backends are loaded with dynamic imports so a
 * browser bundle only fetches the ones it uses, and so nothing here needs Node.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendChoice, BackendName } from './api.ts';

export interface BackendOptions {
  /** Folder (URL ending in `/`) holding tfjs-backend-wasm's `.wasm` files; the browser needs it. */
  wasmPaths?: string;
  /** What `auto` tries, in order (see choose-backend.ts); webgl, wasm, cpu when not given. */
  autoOrder?: BackendName[];
  /**
   * Threads for the wasm backend; `wasmThreads()` when not given. Above 1 it loads
   * tfjs's threaded-SIMD binary, which only a cross-origin-isolated page can run.
   */
  wasmThreads?: number;
}

/** `auto` tries these in order and keeps the first that starts. */
const AUTO_ORDER: BackendName[] = ['webgl', 'wasm', 'cpu'];

const loaders: Record<BackendName, (opts: BackendOptions) => Promise<void>> = {
  cpu: async () => {
    await import('@tensorflow/tfjs-backend-cpu');
  },
  wasm: async (opts) => {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // Paths and threads are read when the backend starts, and cannot change after.
    if (tf.engine().registry.wasm !== undefined) return;
    if (opts.wasmPaths !== undefined) wasm.setWasmPaths(opts.wasmPaths);
    const threads = opts.wasmThreads ?? wasmThreads();
    // tfjs loads the threaded binary whenever the page could run it; with one thread it
    // would only add its worker pool, so the plain SIMD binary is kept then.
    if (threads > 1) wasm.setThreadsCount(threads);
    else tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  },
  webgl: async () => {
    await import('@tensorflow/tfjs-backend-webgl');
  },
};

/**
 * How many threads the wasm backend gets: WASM_THREADS where the page is cross-origin
 * isolated (SharedArrayBuffer available, see docs/deployment.md), else 1. Never more
 * than the device's cores.
 */
export function wasmThreads(): number {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
  return isolated ? Math.max(1, Math.min(WASM_THREADS, cores)) : 1;
}

/**
 * Threads used on an isolated page. Measured in docs/performance.md ("wasm threads"):
 * the lesson nets' ops are too small for XNNPACK's thread pool to gain.
 */
const WASM_THREADS = 1;

/**
 * Starts a backend and makes it current; returns the one in use.
 * An explicit choice that cannot start is an error; `auto` falls back along `autoOrder`
 * (webgl -> wasm -> cpu by default).
 *
 * @example
 * const used = await initBackend('auto', { wasmPaths: '/tfjs/' }); // 'webgl' in most browsers
 */
export async function initBackend(choice: BackendChoice, opts: BackendOptions = {}): Promise<BackendName> {
  tf.enableProdMode(); // silences tfjs's console advice (e.g. "install tfjs-node")
  await ensureGradients();
  const candidates = choice === 'auto' ? (opts.autoOrder ?? AUTO_ORDER) : [choice];
  const failures: string[] = [];
  for (const name of candidates) {
    const why = await tryBackend(name, opts);
    if (why === null) return name;
    failures.push(`${name}: ${why}`);
  }
  throw new Error(
    choice === 'auto'
      ? `no TensorFlow.js backend could start (${failures.join('; ')})`
      : `the ${choice} backend is not available here (${failures[0]}); try --backend auto`,
  );
}

/** Returns null when `name` is now the current backend, else why it is not. */
async function tryBackend(name: BackendName, opts: BackendOptions): Promise<string | null> {
  if (tf.getBackend() === name && tf.engine().registry[name] !== undefined) return null;
  try {
    await loaders[name](opts);
    if (tf.findBackendFactory(name) === null) return 'not supported on this platform';
    if (!(await tf.setBackend(name))) return 'failed to initialise';
    await tf.ready();
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * tfjs-core registers op gradients only when its `register_all_gradients` module is
 * imported. Bundlers load that ESM module directly; Node cannot (its files use extensionless
 * imports), so there the CommonJS bundle of tfjs-layers, which embeds the same registrations,
 * is loaded instead. Both write to tfjs's global registry.
 */
async function ensureGradients(): Promise<void> {
  if (tf.getGradient('Sum') !== undefined) return;
  const isNode = typeof globalThis.process === 'object' && globalThis.process.versions?.node !== undefined;
  if (isNode) {
    const nodeBundle = '@tensorflow/tfjs-layers';
    await import(/* @vite-ignore */ nodeBundle);
  } else {
    await import('@tensorflow/tfjs-core/dist/register_all_gradients');
  }
  if (tf.getGradient('Sum') === undefined) throw new Error('TensorFlow.js gradients could not be registered');
}

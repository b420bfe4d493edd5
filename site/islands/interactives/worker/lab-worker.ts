/**
 * The lab worker: TensorFlow.js, the runtime and the compiler live here, loaded only when a
 * learner first runs an interactive, so lesson pages stay light and responsive. Jobs run one
 * after another (they share one engine and the machine's cores); a stopped job ends between
 * batches, a queued one never starts.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { type BackendName, initBackend } from 'dlc/runtime';
import { WASM_PATHS } from '../../spec/wasm-paths.ts';
import { JOBS, type JobName } from '../compute/jobs.ts';
import type { FromLab, ToLab } from './lab-protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const controllers = new Map<number, AbortController>();
let queue: Promise<void> = Promise.resolve();
let backend: Promise<BackendName> | null = null;

setWasmPaths(WASM_PATHS);

function post(msg: FromLab): void {
  scope.postMessage(msg);
}

/** WASM is the quickest for these small nets; the plain JavaScript kernels are the fallback. */
function ready(): Promise<BackendName> {
  backend ??= initBackend('wasm').catch(() => initBackend('cpu'));
  return backend;
}

async function run(id: number, job: JobName, params: unknown): Promise<void> {
  const controller = controllers.get(id);
  if (!controller || controller.signal.aborted) {
    controllers.delete(id);
    post({ type: 'failed', id, message: 'stopped' });
    return;
  }
  try {
    const name = await ready();
    post({ type: 'started', id, backend: name });
    const fn = JOBS[job] as (p: unknown, ctx: object) => Promise<unknown>;
    const result = await fn(params, {
      backend: name,
      signal: controller.signal,
      progress: (data: unknown) => post({ type: 'progress', id, data }),
    });
    post({ type: 'done', id, result });
  } catch (e) {
    post({ type: 'failed', id, message: e instanceof Error ? e.message : String(e) });
  } finally {
    controllers.delete(id);
  }
}

scope.addEventListener('message', (e: MessageEvent<ToLab>) => {
  const msg = e.data;
  if (msg.type === 'run') {
    controllers.set(msg.id, new AbortController());
    queue = queue.then(() => run(msg.id, msg.job, msg.params));
  } else {
    controllers.get(msg.id)?.abort();
  }
});

/**
 * The page's side of the lab worker: starts it on the first run (that is when TensorFlow.js
 * is fetched), sends jobs and routes progress and results back. One worker serves every
 * interactive on the page.
 */
import type { BackendName } from 'dlc/runtime';
import type { JobName, JobTypes } from '../compute/jobs.ts';
import type { FromLab, ToLab } from './lab-protocol.ts';

export interface JobHandle<R> {
  /** Resolves with the result; rejects with the job's error, or `stopped`. */
  result: Promise<R>;
  stop(): void;
}

interface Pending {
  resolve(r: unknown): void;
  reject(e: Error): void;
  progress?: (p: unknown) => void;
  started?: (backend: BackendName) => void;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(message: string): void {
  for (const p of pending.values()) p.reject(new Error(message));
  pending.clear();
  worker?.terminate();
  worker = null;
}

function ensureWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./lab-worker.ts', import.meta.url), { type: 'module', name: 'dl-lab' });
  worker.addEventListener('message', (e: MessageEvent<FromLab>) => {
    const msg = e.data;
    const p = pending.get(msg.id);
    if (!p) return;
    if (msg.type === 'started') p.started?.(msg.backend);
    else if (msg.type === 'progress') p.progress?.(msg.data);
    else {
      pending.delete(msg.id);
      if (msg.type === 'done') p.resolve(msg.result);
      else p.reject(new Error(msg.message));
    }
  });
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    failAll('The interactive could not start its computation. Reload the page to try again.');
  });
  return worker;
}

/**
 * Runs a job in the lab worker.
 *
 * @example
 * const { result } = runJob('gd-variants', {}, (p) => chart.add(p));
 * const r = await result;
 */
export function runJob<K extends JobName>(
  job: K,
  params: JobTypes[K]['params'],
  progress?: (p: JobTypes[K]['progress']) => void,
  started?: (backend: BackendName) => void,
): JobHandle<JobTypes[K]['result']> {
  const id = nextId++;
  const w = ensureWorker();
  const result = new Promise<JobTypes[K]['result']>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (r: unknown) => void, reject, progress: progress as (p: unknown) => void, started });
  });
  w.postMessage({ type: 'run', id, job, params } satisfies ToLab);
  return {
    result,
    stop: () => worker?.postMessage({ type: 'stop', id } satisfies ToLab),
  };
}

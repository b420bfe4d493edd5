/**
 * The page's side of the lesson demonstrations' jobs: they run in the page's training
 * worker (spec/worker-pool.ts), the same one a spec island trains in, so TensorFlow.js is
 * fetched once, on the first run. Sends jobs and routes progress and results back.
 */
import type { BackendName } from 'dlc/runtime';
import type { JobName, JobTypes } from '../compute/jobs.ts';
import { jobsWorker } from '../../spec/worker-pool.ts';
import { isJobMessage, type FromJobs, type ToJobs } from '../../worker/job-protocol.ts';

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
  worker = null;
}

function ensureWorker(): Worker {
  if (worker) return worker;
  const w = jobsWorker();
  worker = w;
  w.addEventListener('message', (e: MessageEvent<FromJobs | { type: string }>) => {
    const msg = e.data;
    if (!isJobMessage(msg) || !('id' in msg)) return;
    const p = pending.get(msg.id);
    if (!p) return;
    if (msg.type === 'job-started') p.started?.(msg.backend);
    else if (msg.type === 'job-progress') p.progress?.(msg.data);
    else if (msg.type === 'job-done' || msg.type === 'job-failed') {
      pending.delete(msg.id);
      if (msg.type === 'job-done') p.resolve(msg.result);
      else p.reject(new Error(msg.message));
    }
  });
  w.addEventListener('error', (e) => {
    e.preventDefault();
    if (worker !== w) return;
    failAll('The interactive could not start its computation. Reload the page to try again.');
    w.terminate();
  });
  // Closed by a spec island after a fault of its run (the worker hung, or lost its GPU).
  w.addEventListener('closed', () => {
    if (worker === w) failAll('The computation stopped with the training worker; run it again.');
  });
  return w;
}

/**
 * Runs a job in the page's training worker.
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
  w.postMessage({ type: 'job', id, job, params } satisfies ToJobs);
  return {
    result,
    stop: () => w.postMessage({ type: 'job-stop', id } satisfies ToJobs),
  };
}

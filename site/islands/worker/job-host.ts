/**
 * Runs the training worker's extra jobs (job-registry.ts): one after another, since they
 * share one engine and the machine's cores; a stopped job ends between batches, a queued
 * one never starts. A job runs on the backend the worker already has (a spec's training
 * may have chosen it), else on WebAssembly, the quickest for small nets, with the plain
 * JavaScript kernels as the fallback.
 */
import { type BackendName, initBackend } from 'dlc/runtime';
import type { JobRegistry } from './job-registry.ts';
import type { FromJobs, ToJobs } from './job-protocol.ts';

export interface JobHost {
  handle(msg: ToJobs): void;
  /** Settles when no job is running or queued: a spec's run waits for it before choosing its backend. */
  idle(): Promise<void>;
}

/**
 * @param current the backend the worker's engine runs on now, or null before any started
 * (or once the one it had is unusable)
 */
export function jobHost(registry: () => Promise<JobRegistry>, post: (msg: FromJobs) => void, current: () => Promise<BackendName | null>): JobHost {
  const controllers = new Map<number, AbortController>();
  let queue: Promise<void> = Promise.resolve();

  const ready = async (): Promise<BackendName> => {
    const now = await current();
    if (now) return now;
    return initBackend('wasm').catch(() => initBackend('cpu'));
  };

  async function run(id: number, job: string, params: unknown): Promise<void> {
    const controller = controllers.get(id);
    if (!controller || controller.signal.aborted) {
      controllers.delete(id);
      post({ type: 'job-failed', id, message: 'stopped' });
      return;
    }
    try {
      const fn = (await registry()).get(job);
      const name = await ready();
      post({ type: 'job-started', id, backend: name });
      const result = await fn(params, {
        backend: name,
        signal: controller.signal,
        progress: (data: unknown) => post({ type: 'job-progress', id, data }),
      });
      post({ type: 'job-done', id, result });
    } catch (e) {
      post({ type: 'job-failed', id, message: e instanceof Error ? e.message : String(e) });
    } finally {
      controllers.delete(id);
    }
  }

  return {
    handle(msg) {
      if (msg.type === 'job') {
        controllers.set(msg.id, new AbortController());
        queue = queue.then(() => run(msg.id, msg.job, msg.params));
      } else {
        controllers.get(msg.id)?.abort();
      }
    },
    idle: () => queue,
  };
}

/**
 * The live spec's line to the training worker: takes a worker from the pool on first use,
 * forwards its messages, and reports a worker that fails to load or throws. Kept apart from
 * the training controls (spec-training.ts) so that how the worker is made and spoken to can
 * change in one small place.
 */
import type { FromWorker, ToWorker } from './worker-protocol.ts';
import { takeWorker } from './worker-pool.ts';

export interface WorkerHandlers {
  message(msg: FromWorker): void;
  /** The worker raised an error event (it failed to load, or threw); it is already dropped when `dropped`. */
  error(message: string): void;
}

export class SpecWorker {
  private worker: Worker | null = null;
  private readonly handlers: WorkerHandlers;

  constructor(handlers: WorkerHandlers) {
    this.handlers = handlers;
  }

  post(msg: ToWorker): void {
    this.ensure().postMessage(msg);
  }

  /** Posts only to a worker that already exists (a Stop needs no new worker). */
  postIfRunning(msg: ToWorker): void {
    this.worker?.postMessage(msg);
  }

  /** Closes the worker; the next post takes a new one. */
  drop(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  /** True while `worker` is the current one (an error of a dropped worker is stale). */
  private current(worker: Worker): boolean {
    return this.worker === worker;
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = takeWorker();
    worker.addEventListener('message', (e: MessageEvent<FromWorker>) => this.handlers.message(e.data));
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      if (!this.current(worker)) return;
      this.handlers.error(e.message);
    });
    this.worker = worker;
    return worker;
  }
}

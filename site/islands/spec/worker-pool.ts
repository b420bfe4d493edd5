/**
 * The page's training workers. One worker serves the page (TensorFlow.js loads once): the
 * first island to train takes it, and the lesson demonstrations' jobs run in it too
 * (../interactives/worker/lab-client.ts). It may be started before the reader clicks
 * Train (warm-up.ts says when): it loads TensorFlow.js and fetches and compiles the wasm
 * backend while the reader is still reading, so the click waits only for the run itself.
 *
 * A worker trains one spec at a time, so a second island training on the same page gets
 * a worker of its own. A worker closed after a fault (watchdog, lost GPU context, a Stop
 * it did not answer) is forgotten, and its users hear a `closed` event; the next request
 * starts a fresh one.
 */
import type { ToWorker } from './worker-protocol.ts';

/** The page's shared worker, and whether a spec island trains in it. */
let page: { worker: Worker; held: boolean } | null = null;
/** A warm worker for the next island while another island holds the page's. */
let spare: Worker | null = null;

function create(): Worker {
  const worker = new Worker(new URL('./train-worker.ts', import.meta.url), { type: 'module', name: 'dl-train' });
  const terminate = worker.terminate.bind(worker);
  // Whoever closes a worker (an island after a fault, the jobs' client after a load error)
  // closes it for everyone on it: they hear of it and the page forgets it.
  worker.terminate = () => {
    if (page?.worker === worker) page = null;
    if (spare === worker) spare = null;
    terminate();
    worker.dispatchEvent(new Event('closed'));
  };
  // A worker that fails to load while nobody trains in it is dropped here, so the next user
  // gets a fresh worker and sees the failure itself, instead of waiting on a dead one.
  worker.addEventListener('error', () => {
    if ((page?.worker === worker && !page.held) || spare === worker) worker.terminate();
  });
  return worker;
}

function warm(worker: Worker): Worker {
  worker.postMessage({ type: 'warm' } satisfies ToWorker);
  return worker;
}

/** Starts a worker and its backend for the next island to train, unless one is already there. */
export function warmWorker(): void {
  if (!page) page = { worker: warm(create()), held: false };
  else if (page.held && !spare) spare = warm(create());
}

/** A worker for a spec island: the page's if no island trains in it, else the spare (warm, or warming), else a new one. */
export function takeWorker(): Worker {
  if (!page) page = { worker: create(), held: false };
  if (!page.held) {
    page.held = true;
    return page.worker;
  }
  const worker = spare ?? create();
  spare = null;
  return worker;
}

/** The page's worker, for the lesson demonstrations' jobs. */
export function jobsWorker(): Worker {
  page ??= { worker: create(), held: false };
  return page.worker;
}

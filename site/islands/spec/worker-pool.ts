/**
 * The page's training workers. One spare worker may be started before the reader clicks
 * Train (warm-up.ts says when): it loads TensorFlow.js and fetches and compiles the wasm
 * backend while the reader is still reading, so the click waits only for the run itself.
 * Workers are not tied to an island, so the first island to train takes the spare; the
 * page never holds more than one idle worker.
 */
import type { ToWorker } from './worker-protocol.ts';

let spare: Worker | null = null;

function create(): Worker {
  return new Worker(new URL('./train-worker.ts', import.meta.url), { type: 'module', name: 'dl-train' });
}

/** Starts the spare worker and its backend, unless one is already waiting. */
export function warmWorker(): void {
  if (spare) return;
  const worker = create();
  // A spare that fails to load is dropped here, so an island later gets a fresh worker and
  // sees the failure itself, instead of waiting on one that is already dead.
  worker.addEventListener('error', () => {
    if (spare !== worker) return;
    spare = null;
    worker.terminate();
  });
  worker.postMessage({ type: 'warm' } satisfies ToWorker);
  spare = worker;
}

/** The spare worker if there is one (warm, or warming), else a new one. */
export function takeWorker(): Worker {
  const worker = spare ?? create();
  spare = null;
  return worker;
}

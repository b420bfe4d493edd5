/**
 * The training worker: TensorFlow.js lives here, never on the page, so the page stays
 * responsive and a lesson loads no TensorFlow.js until the reader trains. It is the page's
 * one worker, so TensorFlow.js loads once per page, and it only hosts jobs from one
 * registry (../worker/job-registry.ts): the spec's training (train-job.ts, built in, so
 * another site gets it alone) and the site's extra jobs (the course's lesson
 * demonstrations), from the job modules given to the Astro integration
 * (../worker/job-modules.ts, run by job-host.ts).
 *
 * The spec's training keeps its own messages (worker-protocol.ts): `train`, `stop` and
 * `warm` in, its progress out as posted by the job. The host adds the heartbeat for the
 * page's watchdog while a run is under way.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { HEARTBEAT_MS, type FromWorker, type ToWorker } from './worker-protocol.ts';
import { WASM_PATHS } from './wasm-paths.ts';
import { engineNow, SPEC_JOB_MODULE, SPEC_TRAIN_JOB, type SpecJobContext, warmEngine } from './train-job.ts';
import { jobHost } from '../worker/job-host.ts';
import { JOB_MODULES } from '../worker/job-modules.ts';
import { isJobMessage, type FromJobs, type ToJobs } from '../worker/job-protocol.ts';
import { jobRegistry, loadJobRegistry, type JobRegistry } from '../worker/job-registry.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

/** The built-in jobs, ready with the worker: a spec's run fetches none of the site's job modules. */
const builtIn = jobRegistry([SPEC_JOB_MODULE]);
/** All jobs, the site's loaded on the first extra job; a name clashing with a built-in one is refused. */
let registry: Promise<JobRegistry> | null = null;
const jobs = jobHost(
  () => (registry ??= loadJobRegistry(JOB_MODULES, [SPEC_JOB_MODULE])),
  (msg: FromJobs) => scope.postMessage(msg),
  engineNow,
);

/** The spec's run in progress, for Stop and the heartbeat. */
let active: { run: number; abort: AbortController } | null = null;

setWasmPaths(WASM_PATHS);

// A heartbeat for the page's watchdog. It only fires when the event loop is free, which is
// the point: silence past the expected cost of a step means a hung or closed worker.
setInterval(() => {
  if (active) post({ type: 'alive', run: active.run });
}, HEARTBEAT_MS);

function post(msg: FromWorker, transfer: Transferable[] = []): void {
  scope.postMessage(msg, transfer);
}

async function train(msg: Extract<ToWorker, { type: 'train' }>): Promise<void> {
  const abort = new AbortController();
  active = { run: msg.run, abort };
  const ctx: SpecJobContext = { signal: abort.signal, progress: (m, transfer) => post(m as FromWorker, transfer), idle: jobs.idle };
  try {
    await builtIn.get(SPEC_TRAIN_JOB)(msg, ctx);
  } finally {
    if (active?.abort === abort) active = null;
  }
}

scope.addEventListener('message', (e: MessageEvent<ToWorker | ToJobs>) => {
  const msg = e.data;
  if (isJobMessage(msg)) jobs.handle(msg);
  else if (msg.type === 'warm') warmEngine();
  else if (msg.type === 'train') void train(msg);
  else if (msg.type === 'stop' && active?.run === msg.run) active.abort.abort();
});

/**
 * Messages for the extra jobs of the training worker (job-registry.ts), beside the spec's
 * training messages (spec/worker-protocol.ts) on the same worker. `id` numbers each
 * request, so progress and results find their way back and a stopped job's late messages
 * can be told apart. Their types start with `job`, which no training message does.
 */
import type { BackendName } from 'dlc/runtime';

export type ToJobs =
  | { type: 'job'; id: number; job: string; params: unknown }
  | { type: 'job-stop'; id: number };

export type FromJobs =
  | { type: 'job-started'; id: number; backend: BackendName }
  | { type: 'job-progress'; id: number; data: unknown }
  | { type: 'job-done'; id: number; result: unknown }
  | { type: 'job-failed'; id: number; message: string };

/** Whether a message on the worker belongs to the jobs rather than to a spec's training. */
export function isJobMessage(msg: { type: string }): msg is ToJobs | FromJobs {
  return msg.type.startsWith('job');
}

/**
 * Messages between a lesson page and the lab worker that runs the interactives' jobs.
 * `id` numbers each request, so progress and results find their way back and a stopped
 * job's late messages can be told apart.
 */
import type { BackendName } from 'dlc/runtime';
import type { JobName } from '../compute/jobs.ts';

export type ToLab =
  | { type: 'run'; id: number; job: JobName; params: unknown }
  | { type: 'stop'; id: number };

export type FromLab =
  | { type: 'started'; id: number; backend: BackendName }
  | { type: 'progress'; id: number; data: unknown }
  | { type: 'done'; id: number; result: unknown }
  | { type: 'failed'; id: number; message: string };

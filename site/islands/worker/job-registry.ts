/**
 * The training worker's jobs, by name. The spec's training is the built-in one
 * (spec/train-job.ts, registered first by the worker); a site adds its own computations
 * (the course: its lesson demonstrations) as job modules,
 * each exporting `JOBS`, an object of async functions by name, passed to the Astro
 * integration as `dlc({ jobs: ['path/to/jobs.ts'] })`. Names are one namespace across
 * modules, so a clash is refused when the worker starts rather than one job hiding another.
 */
import type { BackendChoice } from 'dlc/runtime';

/** What a job receives besides its parameters: the worker's backend, Stop, and a progress channel. */
export interface JobContext {
  backend?: BackendChoice;
  signal?: AbortSignal;
  /** `transfer`: buffers in `data` to move rather than copy (the spec's views and weights). */
  progress?: (data: unknown, transfer?: Transferable[]) => void;
}

export type JobFunction = (params: unknown, ctx: JobContext) => Promise<unknown>;

/** One job module as the worker imports it: `source` names it in messages. */
export interface JobModule {
  source: string;
  exports: { JOBS?: unknown };
}

/** A job module not loaded yet: the worker imports it on the first job, not with itself. */
export interface LazyJobModule {
  source: string;
  load(): Promise<{ JOBS?: unknown }>;
}

export interface JobRegistry {
  readonly names: readonly string[];
  /** The job called `name`; throws a message naming the jobs there are when it is unknown. */
  get(name: string): JobFunction;
}

/**
 * @example
 * const registry = jobRegistry([{ source: 'site/jobs.ts', exports: { JOBS: { double: async (n) => 2 * n } } }]);
 * await registry.get('double')(21, {}); // 42
 */
export function jobRegistry(modules: readonly JobModule[]): JobRegistry {
  const jobs = new Map<string, { fn: JobFunction; source: string }>();
  for (const { source, exports } of modules) {
    const table = exports.JOBS;
    if (typeof table !== 'object' || table === null || Array.isArray(table)) {
      throw new Error(`The job module ${source} exports no JOBS object (an object of async functions by name).`);
    }
    for (const [name, fn] of Object.entries(table)) {
      if (typeof fn !== 'function') throw new Error(`The job ${name} in ${source} is not a function.`);
      const other = jobs.get(name);
      if (other) throw new Error(`Two job modules define a job named ${name}: ${other.source} and ${source}.`);
      jobs.set(name, { fn: fn as JobFunction, source });
    }
  }
  const names = [...jobs.keys()];
  return {
    names,
    get(name) {
      const job = jobs.get(name);
      if (job) return job.fn;
      const known = names.length > 0 ? `its jobs are ${names.join(', ')}` : 'this site gave it no job modules';
      throw new Error(`The training worker has no job named ${name} (${known}).`);
    },
  };
}

/**
 * The registry of `loaded` (the worker's built-in jobs) and of modules loaded on demand: a
 * page that only trains specs never fetches them.
 */
export async function loadJobRegistry(modules: readonly LazyJobModule[], loaded: readonly JobModule[] = []): Promise<JobRegistry> {
  return jobRegistry([...loaded, ...(await Promise.all(modules.map(async ({ source, load }) => ({ source, exports: await load() }))))]);
}

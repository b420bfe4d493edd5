// The training worker's jobs: the registry the worker builds from its built-in job (the
// spec's training, spec/train-job.ts) and the site's job modules, the list the integration's
// Vite plugin writes for `dlc({ jobs })`, loaded as the worker loads it, the course's own
// module run through it (the gradient view's job on the tiny net of its lesson, against the
// job called directly), and the spec's training run through it on a small spec.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../compiler/runtime/backend.ts';
import { jobModulePaths, jobModules, jobModulesSource } from '../../integration/job-modules.ts';
import { JOB_MODULES } from '../../site/islands/worker/job-modules.ts';
import { jobRegistry, loadJobRegistry, type LazyJobModule } from '../../site/islands/worker/job-registry.ts';
import { backward } from '../../site/islands/interactives/compute/gradients.ts';
import { TINY_SPEC, TINY_STATE } from '../../site/islands/interactives/shared/tiny-net.ts';
import { compileSpec } from '../../site/islands/interactives/compute/spec.ts';
import { SPEC_JOB_MODULE, SPEC_TRAIN_JOB } from '../../site/islands/spec/train-job.ts';
import type { FromWorker, ToWorker } from '../../site/islands/spec/worker-protocol.ts';
import { ROOT } from './built-site.ts';

const COURSE_JOBS = 'site/islands/interactives/compute/jobs.ts';
const tmp = mkdtempSync(join(tmpdir(), 'dlc-jobs-'));

beforeAll(async () => {
  await initBackend('cpu');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the job registry', () => {
  const double = async (n: unknown) => 2 * (n as number);
  const half = async (n: unknown) => (n as number) / 2;

  it('finds each job of every module by name', async () => {
    const registry = jobRegistry([
      { source: 'a.ts', exports: { JOBS: { double } } },
      { source: 'b.ts', exports: { JOBS: { half } } },
    ]);
    expect(registry.names).toEqual(['double', 'half']);
    expect(await registry.get('double')(21, {})).toBe(42);
    expect(await registry.get('half')(21, {})).toBe(10.5);
  });

  it('names the jobs there are when asked for one it lacks, and says so when there are none', () => {
    expect(() => jobRegistry([{ source: 'a.ts', exports: { JOBS: { double, half } } }]).get('triple')).toThrow(
      'The training worker has no job named triple (its jobs are double, half).',
    );
    // Another site's worker: the spec's training alone.
    expect(JOB_MODULES).toEqual([]);
    expect(() => jobRegistry([]).get('gd-variants')).toThrow('The training worker has no job named gd-variants (this site gave it no job modules).');
  });

  it('refuses two modules defining one name, a module without JOBS, and a job that is not a function', () => {
    expect(() => jobRegistry([
      { source: 'a.ts', exports: { JOBS: { double } } },
      { source: 'b.ts', exports: { JOBS: { double: half } } },
    ])).toThrow('Two job modules define a job named double: a.ts and b.ts.');
    expect(() => jobRegistry([{ source: 'c.ts', exports: { jobs: {} } as never }])).toThrow('The job module c.ts exports no JOBS object');
    expect(() => jobRegistry([{ source: 'd.ts', exports: { JOBS: { x: 1 } } }])).toThrow('The job x in d.ts is not a function.');
  });
});

describe('dlc({ jobs }) in the worker', () => {
  it('resolves the paths from the project root and names a missing one', () => {
    expect(jobModulePaths(ROOT, [COURSE_JOBS])).toEqual([join(ROOT, COURSE_JOBS)]);
    expect(() => jobModulePaths(ROOT, ['site/nope.ts'])).toThrow(`dlc(): the job module \`site/nope.ts\` (option \`jobs\`) is not there: no file ${join(ROOT, 'site/nope.ts')}.`);
  });

  it('replaces the worker\'s list, in the sources and in the built package, and nothing else', () => {
    const files = jobModulePaths(ROOT, [COURSE_JOBS]);
    const load = jobModules(ROOT, files).load as (id: string) => string | null;
    const source = jobModulesSource(ROOT, files);
    expect(load(join(ROOT, 'site/islands/worker/job-modules.ts'))).toBe(source);
    expect(load('/x/node_modules/dlc/build/site/islands/worker/job-modules.js?worker_file')).toBe(source);
    expect(load(join(ROOT, 'site/islands/worker/job-registry.ts'))).toBeNull();
    // No jobs given: the worker keeps its empty list.
    expect((jobModules(ROOT, []).load as (id: string) => string | null)(join(ROOT, 'site/islands/worker/job-modules.ts'))).toBeNull();
  });

  it('the written list loads the course\'s module, whose jobs run through the registry as when called directly', async () => {
    const list = join(tmp, 'job-modules.ts');
    writeFileSync(list, jobModulesSource(ROOT, jobModulePaths(ROOT, [COURSE_JOBS])));
    const { JOB_MODULES: modules } = (await import(list)) as { JOB_MODULES: LazyJobModule[] };
    expect(modules.map((m) => m.source)).toEqual([COURSE_JOBS]);
    const registry = await loadJobRegistry(modules, [SPEC_JOB_MODULE]);
    expect(registry.names).toEqual([SPEC_TRAIN_JOB, 'gradient-view', 'gd-variants', 'learning-rate', 'sgd-vs-adam', 'no-activation', 'rnn-lstm-gradients', 'growing-width']);
    const params = { spec: TINY_SPEC, state: TINY_STATE, x: [2, 1], target: [1], loss: 'bce' as const };
    const viaWorker = await registry.get('gradient-view')(params, { backend: 'cpu' });
    expect(viaWorker).toEqual(backward(params));
  });
});

describe('the spec\'s training, the worker\'s built-in job', () => {
  const XOR = `net Xor <
  linear 2->8; tanh;
  linear 8->1; sigmoid
>

train Xor on xor n=64 noise=0.05 <
  loss bce;
  optimizer sgd lr=0.5 momentum=0.9;
  batch 32;
  epochs 3
>`;
  const request = (net: string, run = 1): Extract<ToWorker, { type: 'train' }> =>
    ({ type: 'train', run, graph: compileSpec(XOR), net, backend: 'cpu', files: {} });

  /** Runs the spec's job as the worker does, collecting the live spec's messages it posts. */
  async function trainThroughRegistry(msg: Extract<ToWorker, { type: 'train' }>, signal?: AbortSignal): Promise<FromWorker[]> {
    const posted: FromWorker[] = [];
    const registry = await loadJobRegistry(JOB_MODULES, [SPEC_JOB_MODULE]);
    await registry.get(SPEC_TRAIN_JOB)(msg, { signal, progress: (m) => posted.push(m as FromWorker) });
    return posted;
  }

  it('is registered by default, alone on a site without job modules, and no site job may take its name', async () => {
    expect((await loadJobRegistry(JOB_MODULES, [SPEC_JOB_MODULE])).names).toEqual([SPEC_TRAIN_JOB]);
    const clash: LazyJobModule = { source: 'site/jobs.ts', load: async () => ({ JOBS: { [SPEC_TRAIN_JOB]: async () => 0 } }) };
    await expect(loadJobRegistry([clash], [SPEC_JOB_MODULE])).rejects.toThrow(`Two job modules define a job named ${SPEC_TRAIN_JOB}: ${SPEC_JOB_MODULE.source} and site/jobs.ts.`);
  });

  it('trains a spec through the registry in the live spec\'s messages: started, epochs, views, done', async () => {
    const posted = await trainThroughRegistry(request('Xor'));
    const types = posted.map((m) => m.type);
    expect(types[0]).toBe('started');
    expect(types.at(-1)).toBe('done');
    const epochs = posted.flatMap((m) => (m.type === 'epochs' ? m.reports.map((r) => r.epoch) : []));
    expect(epochs).toEqual([1, 2, 3]);
    // The data's points, then the boundary over the shared grid (48 x 48 cells).
    const views = posted.flatMap((m) => (m.type === 'view' ? [m.view] : []));
    expect(views[0].kind).toBe('points');
    const boundary = views.find((v) => v.kind === 'boundary');
    expect(boundary?.kind === 'boundary' && boundary.grid.p1.length).toBe(48 * 48);
    const done = posted.at(-1) as Extract<FromWorker, { type: 'done' }>;
    expect(done.summary).toMatchObject({ backend: 'cpu', stopped: 'done', epochs: 3 });
    expect(done.weights.net).toBe('Xor');
    expect(typeof done.numTensors).toBe('number');
  });

  it('stops when its signal aborts, and says which net has no train block in dlc\'s words', async () => {
    const stop = new AbortController();
    stop.abort();
    const stopped = await trainThroughRegistry(request('Xor', 2), stop.signal);
    const done = stopped.at(-1) as Extract<FromWorker, { type: 'done' }>;
    expect(done.type).toBe('done');
    expect(done.summary.stopped).toBe('aborted');
    const failed = await trainThroughRegistry(request('Nope', 3));
    expect(failed).toEqual([expect.objectContaining({ type: 'failed', run: 3, message: 'no train block trains net `Nope`; the spec trains `Xor`' })]);
  });
});

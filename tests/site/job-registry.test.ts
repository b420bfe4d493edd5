// The training worker's extra jobs: the registry the worker builds from the site's job
// modules, the list the integration's Vite plugin writes for `dlc({ jobs })`, loaded as the
// worker loads it, and the course's own module run through it (the gradient view's job on
// the tiny net of its lesson, against the job called directly).
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
    const registry = await loadJobRegistry(modules);
    expect(registry.names).toEqual(['gradient-view', 'gd-variants', 'learning-rate', 'sgd-vs-adam', 'no-activation', 'rnn-lstm-gradients', 'growing-width']);
    const params = { spec: TINY_SPEC, state: TINY_STATE, x: [2, 1], target: [1], loss: 'bce' as const };
    const viaWorker = await registry.get('gradient-view')(params, { backend: 'cpu' });
    expect(viaWorker).toEqual(backward(params));
  });
});

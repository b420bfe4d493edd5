/**
 * The site's extra jobs for the training worker (`dlc({ jobs })`): a Vite plugin that gives
 * the worker's list of job modules (site/islands/worker/job-modules.ts, empty on its own)
 * the text `export const JOB_MODULES = [{ source, load: () => import('<module>') }, ...]`.
 * It runs in the worker's own bundle (Vite's `worker.plugins`, with ES-module workers so
 * the jobs split into their own chunk, fetched by the worker on the first job) as well as
 * in dev. A site that gives no jobs gets the spec's training alone.
 */
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Plugin } from 'vite';

/** The worker's list, in the sources (`.ts`) or in the built package (`.js`). */
const LIST = /[\\/]site[\\/]islands[\\/]worker[\\/]job-modules\.[jt]s$/;

/**
 * The job modules' absolute paths, each checked to exist.
 *
 * @example jobModulePaths('/site', ['src/jobs.ts']) // ['/site/src/jobs.ts']
 */
export function jobModulePaths(root: string, jobs: readonly string[]): string[] {
  return jobs.map((path) => {
    const file = resolve(root, path);
    if (!existsSync(file)) throw new Error(`dlc(): the job module \`${path}\` (option \`jobs\`) is not there: no file ${file}.`);
    return file;
  });
}

/** The worker's list of job modules as JavaScript. */
export function jobModulesSource(root: string, files: readonly string[]): string {
  const list = files.map((file) => `  { source: ${JSON.stringify(relative(root, file))}, load: () => import(${JSON.stringify(file)}) },`);
  return `export const JOB_MODULES = [\n${list.join('\n')}\n];\n`;
}

/** @example updateConfig({ vite: { plugins: [jobModules(root, files)] } }) */
export function jobModules(root: string, files: readonly string[]): Plugin {
  return {
    name: 'dlc:job-modules',
    enforce: 'pre',
    load(id) {
      if (files.length === 0 || !LIST.test(id.split('?')[0])) return null;
      return jobModulesSource(root, files);
    },
  };
}

/**
 * The site's extra jobs for the training worker (`dlc({ jobs })`): a Vite plugin that gives
 * the worker's list of job modules (site/islands/worker/job-modules.ts, empty on its own)
 * the text `import * as m0 from '<module>'; export const JOB_MODULES = [...]`. It runs in
 * the worker's own bundle (Vite's `worker.plugins`) as well as in dev, so the modules ship
 * inside the one worker and nowhere else. A site that gives no jobs gets the spec's
 * training alone.
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
  const imports = files.map((file, i) => `import * as m${i} from ${JSON.stringify(file)};`);
  const list = files.map((file, i) => `{ source: ${JSON.stringify(relative(root, file))}, exports: m${i} }`);
  return `${imports.join('\n')}\nexport const JOB_MODULES = [${list.join(', ')}];\n`;
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

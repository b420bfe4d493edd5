// Before the browser tests: check that there is a browser (else fail at once, before minutes
// of site build, with the command that installs it), build the site if dist/ is missing or
// older than its sources, then serve dist/ on a local port. Tests read the address with
// inject('siteUrl').
import type { TestProject } from 'vitest/node';
import { builtSite } from '../site/built-site.ts';
import { chromiumProblem, serveDist } from './browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const problem = chromiumProblem();
  if (problem) throw new Error(problem);
  const server = await serveDist(builtSite());
  project.provide('siteUrl', server.url);
  return () => server.close();
}

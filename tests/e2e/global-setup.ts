// Before the browser tests: build the site if dist/ is missing or older than its sources,
// then serve dist/ on a local port. Tests read the address with inject('siteUrl').
import type { TestProject } from 'vitest/node';
import { builtSite } from '../site/built-site.ts';
import { serveDist } from './browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await serveDist(builtSite());
  project.provide('siteUrl', server.url);
  return () => server.close();
}

/**
 * The job modules the training worker loads besides the spec's training. On its own
 * (another site, the tests) the list is empty; the dlc Astro integration's Vite plugin
 * (integration/job-modules.ts) replaces this module's text with dynamic imports of the
 * modules given as `dlc({ jobs: [...] })`, so only a site that asks for jobs ships their
 * code, and only a page that runs a job fetches it.
 */
import type { LazyJobModule } from './job-registry.ts';

export const JOB_MODULES: LazyJobModule[] = [];

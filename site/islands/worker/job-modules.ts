/**
 * The job modules the training worker imports besides the spec's training. On its own
 * (another site, the tests) the list is empty; the dlc Astro integration's Vite plugin
 * (integration/job-modules.ts) replaces this module's text with imports of the modules
 * given as `dlc({ jobs: [...] })`, so only a site that asks for jobs ships their code.
 */
import type { JobModule } from './job-registry.ts';

export const JOB_MODULES: JobModule[] = [];

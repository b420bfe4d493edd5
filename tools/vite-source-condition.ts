/**
 * A Vite plugin for this repository's own builds and tests: the site imports the compiler by
 * the package's name (`dlc`, `dlc/runtime`, `dlc/emit`), and the `source` export condition
 * resolves those to the TypeScript sources rather than to build/, so nothing needs building
 * first. The condition has a name of our own, `dlc-source`, because the published tarball
 * holds only build/: a generic `source` condition, which other tools turn on, would send an
 * outside site to .ts files that are not there. Every environment gets it (Astro 7 has client, ssr, prerender and astro; Vitest its
 * own), each keeping its own default conditions (`browser` for the client, `node` elsewhere).
 */
import { defaultClientConditions, defaultServerConditions, type Plugin } from 'vite';

export const SOURCE = 'dlc-source';

export function sourceCondition(): Plugin {
  return {
    name: 'dlc:source-condition',
    configEnvironment(name, env) {
      const client = (env.consumer ?? (name === 'client' ? 'client' : 'server')) === 'client';
      const conditions = env.resolve?.conditions ?? (client ? defaultClientConditions : defaultServerConditions);
      env.resolve = { ...env.resolve, conditions: [SOURCE, ...conditions.filter((c) => c !== SOURCE)] };
      if (!client) env.resolve.externalConditions = [SOURCE, ...(env.resolve.externalConditions ?? [])];
    },
  };
}

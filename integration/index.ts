/**
 * `dlc/astro`: the Astro integration that makes ```` ```dl ```` fences and `<Spec src>` work
 * in any Astro + MDX site. Specs compile at build time (a broken one fails the build with
 * the MDX file, line and diagnostic code); each becomes the static view (source, summary,
 * diagram, PyTorch code) and, unless `live: false`, the live island (editor, training in a
 * worker, plots), whose scripts and WebAssembly binaries Vite emits into the site's output.
 * In `astro dev`, editing a spec file reloads the pages.
 *
 * Node loads this module (from astro.config), so it and what it imports stay free of
 * Vite-only imports (`?url`, `?worker`); the components it points MDX at go through Vite.
 *
 * @example
 * // astro.config.mjs
 * import { defineConfig } from 'astro/config';
 * import mdx from '@astrojs/mdx';
 * import dlc from 'dlc/astro';
 * export default defineConfig({ integrations: [dlc({ specsDir: 'specs' }), mdx()] });
 * // with the site's own computations in the training worker:
 * dlc({ jobs: ['src/lab/jobs.ts'] })
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { componentPath } from './component-path.ts';
import dlGrammar from './dl.tmLanguage.json' with { type: 'json' };
import { withDlSpecs } from './markdown-processor.ts';
import type { SpecPart } from './remark-dl-specs.ts';
import { checkOptions, type DlcOptions } from './options.ts';
import { watchSpecs } from './watch-specs.ts';
import { jobModulePaths, jobModules } from './job-modules.ts';

export type { DlcOptions } from './options.ts';

export default function dlc(options: DlcOptions = {}): AstroIntegration {
  checkOptions(options);
  return {
    name: 'dlc',
    hooks: {
      'astro:config:setup': async ({ config, updateConfig, logger }) => {
        const root = fileURLToPath(config.root);
        const specsDir = resolve(root, options.specsDir ?? 'specs');
        const jobFiles = jobModulePaths(root, options.jobs ?? []);
        const hide = (['summary', 'diagram', 'pytorch'] as const).filter((part): part is SpecPart => options[part] === false);
        const component = componentPath(options.live === false ? 'SpecView.astro' : 'Spec.astro');
        const { processor, replaced } = await withDlSpecs(config.markdown.processor, { specsDir, hide, component });
        if (replaced) logger.info(`Markdown now uses the unified processor instead of ${replaced}, so \`\`\`dl blocks compile.`);
        if (!config.integrations.some((i) => i.name === '@astrojs/mdx')) {
          logger.warn('@astrojs/mdx is not in integrations: ```dl blocks in .md files are checked but stay code; spec views need .mdx.');
        }
        const known = config.markdown.shikiConfig.langs.some((lang) => typeof lang === 'object' && (lang as { name?: string }).name === 'dl');
        // A copy: Astro's config schema writes to the language objects it is given.
        updateConfig({
          markdown: { processor, shikiConfig: { langs: known ? [] : [structuredClone(dlGrammar) as never] } },
          vite: {
            plugins: [watchSpecs(specsDir), jobModules(root, jobFiles)],
            // ES-module workers, so the worker can load the jobs' chunk when a job first runs.
            worker: { format: 'es', plugins: () => [jobModules(root, jobFiles)] },
          },
        });
      },
    },
  };
}

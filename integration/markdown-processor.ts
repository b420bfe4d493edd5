/**
 * Joins the dl remark plugin to a site's Markdown processor without dropping the site's own
 * plugins. Astro 7 renders Markdown and MDX with Sätteri by default, which runs no remark
 * plugins; the plugin needs `unified()` from `@astrojs/markdown-remark`.
 *
 * - A `unified()` processor keeps its remark and rehype plugins (remark-math, rehype-katex…);
 *   the dl plugin goes first, so later plugins see the spec views instead of `dl` code blocks.
 *   The processor is changed in place, as Astro itself does when it moves the deprecated
 *   `markdown.remarkPlugins` onto it: a copy would make Astro move those plugins a second time.
 * - Sätteri without plugins of its own (Astro's default) is replaced by `unified()` with the
 *   same GFM and smart-punctuation settings.
 * - Any other processor, or Sätteri with plugins, is an error that says what to change: dlc
 *   would otherwise silently drop them or never compile the specs.
 */
import type { AstroConfig } from 'astro';
import { remarkDlSpecs, type RemarkDlSpecsOptions } from './remark-dl-specs.ts';

type Processor = AstroConfig['markdown']['processor'];
type PluginEntry = unknown;

export class ProcessorError extends Error {}

function pluginOf(entry: PluginEntry): unknown {
  return Array.isArray(entry) ? entry[0] : entry;
}

/**
 * @returns the processor to configure, and `replaced` when it is not the one given.
 * @example
 * const { processor } = await withDlSpecs(config.markdown.processor, { specsDir: '/site/specs' });
 * updateConfig({ markdown: { processor } });
 */
export async function withDlSpecs(processor: Processor, options: RemarkDlSpecsOptions): Promise<{ processor: Processor; replaced?: string }> {
  const entry: PluginEntry = [remarkDlSpecs, options];
  if (processor.name === 'unified') {
    const plugins = (processor.options as { remarkPlugins: PluginEntry[] }).remarkPlugins;
    // A config object built twice (a test calling build() again) must not run the plugin twice.
    const at = plugins.findIndex((p) => pluginOf(p) === remarkDlSpecs);
    if (at >= 0) plugins.splice(at, 1);
    plugins.unshift(entry);
    return { processor };
  }
  if (processor.name === 'satteri') {
    const { mdastPlugins = [], hastPlugins = [], features = {} } = processor.options as {
      mdastPlugins?: unknown[]; hastPlugins?: unknown[]; features?: { gfm?: unknown; smartPunctuation?: unknown };
    };
    if (mdastPlugins.length > 0 || hastPlugins.length > 0) {
      throw new ProcessorError(
        'dlc compiles ```dl blocks with a remark plugin, which needs the unified Markdown processor, but ' +
        'markdown.processor is satteri() with plugins of its own. Use unified({ remarkPlugins, rehypePlugins }) ' +
        'from @astrojs/markdown-remark with the remark/rehype versions of those plugins.');
    }
    const { unified } = await import('@astrojs/markdown-remark');
    const replacement = unified({
      remarkPlugins: [entry as never],
      gfm: typeof features.gfm === 'boolean' ? features.gfm : undefined,
      smartypants: typeof features.smartPunctuation === 'boolean' ? features.smartPunctuation : undefined,
    });
    return { processor: replacement, replaced: 'satteri' };
  }
  throw new ProcessorError(
    `dlc compiles \`\`\`dl blocks with a remark plugin, but markdown.processor is \`${processor.name}\`, ` +
    'which runs no remark plugins. Use unified() from @astrojs/markdown-remark (your remark/rehype plugins go in it).');
}

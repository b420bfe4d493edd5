// The dlc Astro integration's set-up, on Astro's real processors (unified() and satteri()):
// the dl plugin joins a unified pipeline before the site's own plugins and keeps them, the
// default Sätteri processor is swapped for unified with its settings, and what dlc cannot
// join or does not know stops with a message saying what to change. Rendering is checked by
// specs-render.test.ts (a real build) and tests/package/astro-site.test.ts (a site outside).
import { unified } from '@astrojs/markdown-remark';
import { satteri } from '@astrojs/markdown-satteri';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';
import { describe, expect, it } from 'vitest';
import dlc from '../../integration/index.ts';
import { withDlSpecs } from '../../integration/markdown-processor.ts';
import { remarkDlSpecs } from '../../integration/remark-dl-specs.ts';

const options = { specsDir: '/site/specs' };

function remarkPlugins(processor: { options: object }): unknown[] {
  return (processor.options as { remarkPlugins: unknown[] }).remarkPlugins;
}

describe('joining the Markdown processor', () => {
  it('puts the dl plugin first in a unified pipeline and keeps the site\'s plugins', async () => {
    const site = unified({ remarkPlugins: [remarkMath], rehypePlugins: [rehypeKatex] });
    const { processor, replaced } = await withDlSpecs(site, options);
    expect(processor).toBe(site);
    expect(replaced).toBeUndefined();
    expect(remarkPlugins(processor)).toEqual([[remarkDlSpecs, options], remarkMath]);
    expect((processor.options as { rehypePlugins: unknown[] }).rehypePlugins).toEqual([rehypeKatex]);
    // Set up twice (one config object, two builds): the plugin still runs once, with the new options.
    await withDlSpecs(site, { specsDir: '/other' });
    expect(remarkPlugins(site)).toEqual([[remarkDlSpecs, { specsDir: '/other' }], remarkMath]);
  });

  it('replaces Astro\'s default Sätteri processor by unified with the same settings', async () => {
    const { processor, replaced } = await withDlSpecs(satteri({ features: { gfm: false } }), options);
    expect(replaced).toBe('satteri');
    expect(processor.name).toBe('unified');
    expect(remarkPlugins(processor)).toEqual([[remarkDlSpecs, options]]);
    expect((processor.options as { gfm?: boolean }).gfm).toBe(false);
  });

  it('refuses a Sätteri processor with plugins, and a processor that runs no remark plugins', async () => {
    const withPlugins = satteri({ mdastPlugins: [{ name: 'x' } as never] });
    await expect(withDlSpecs(withPlugins, options)).rejects.toThrow(/satteri\(\) with plugins of its own\. Use unified/);
    const other = { name: 'custom', options: {}, createRenderer: async () => ({ render: async () => ({ code: '', metadata: {} }) }) };
    await expect(withDlSpecs(other as never, options)).rejects.toThrow(/markdown\.processor is `custom`, which runs no remark plugins/);
  });
});

describe('dlc() options', () => {
  it('names an unknown or mistyped option', () => {
    expect(() => dlc({ specDir: 'x' } as never)).toThrow('dlc(): unknown option `specDir`; the options are `specsDir`, `live`, `summary`, `diagram`, `pytorch`, `jobs`.');
    expect(() => dlc({ live: 'no' } as never)).toThrow('dlc(): option `live` must be true or false, not "no".');
    expect(dlc({ specsDir: 'specs', live: false, pytorch: false }).name).toBe('dlc');
    expect(() => dlc({ jobs: 'site/jobs.ts' } as never)).toThrow('dlc(): option `jobs` must be an array of paths, not "site/jobs.ts".');
    expect(() => dlc({ jobs: [1] } as never)).toThrow('dlc(): option `jobs` must be an array of paths, not [1].');
  });
});

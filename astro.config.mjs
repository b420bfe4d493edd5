// The course site lives in site/; Astro builds it to dist/ as static files.
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { remarkDlSpecs } from './site/lib/remark-dl-specs.ts';
import dlGrammar from './site/lib/dl.tmLanguage.json' with { type: 'json' };

export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  outDir: './dist',
  site: 'https://dlc.example',
  trailingSlash: 'ignore',
  integrations: [mdx(), sitemap()],
  markdown: {
    remarkPlugins: [remarkMath, remarkDlSpecs],
    rehypePlugins: [rehypeKatex],
    shikiConfig: {
      themes: { light: 'github-light', dark: 'github-dark' },
      langs: [dlGrammar],
    },
  },
});

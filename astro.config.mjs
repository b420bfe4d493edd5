// The course site lives in site/; Astro builds it to dist/ as static files.
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { rehypeScrollable } from './site/lib/rehype-scrollable.ts';
// The course is the first user of dlc's Astro integration (`dlc/astro` once installed).
import dlc from './integration/index.ts';

export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  outDir: './dist',
  site: 'https://dlc.example',
  trailingSlash: 'ignore',
  // Every page is a folder with an index.html, so /lessons/x/ works on any static host.
  build: { format: 'directory' },
  integrations: [
    // ```dl blocks and <Spec src="x.dl"> (files in specs/) become spec views with live islands.
    dlc({ specsDir: 'specs' }),
    mdx(),
    // The 404 page is not a place to send search engines.
    sitemap({ filter: (page) => !page.includes('/404') }),
  ],
  markdown: {
    // Astro 7's default processor runs no remark/rehype plugins; math needs the unified
    // pipeline, which MDX inherits (dlc adds its spec plugin to it).
    processor: unified({
      remarkPlugins: [remarkMath],
      rehypePlugins: [rehypeKatex, rehypeScrollable],
    }),
    shikiConfig: {
      // The high-contrast pair: every token colour meets WCAG AA on its background.
      themes: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' },
    },
  },
});

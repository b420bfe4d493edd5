// The course site lives in site/; Astro builds it to dist/ as static files.
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { rehypeScrollable } from './site/lib/rehype-scrollable.ts';
import { lessonRedirects } from './site/lib/renamed-lessons.ts';
import { sourceCondition } from './tools/vite-source-condition.ts';
import { isolationHeaders } from './tools/deployment-headers.ts';
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
  // Renamed lessons: static meta-refresh pages at the old URLs.
  redirects: lessonRedirects(),
  // `astro dev` and `astro preview` (so `npm start`) send COOP/COEP as docs/deployment.md
  // asks of a host: the page is cross-origin isolated, as deployed.
  server: { headers: isolationHeaders() },
  integrations: [
    // ```dl blocks and <Spec src="x.dl"> (files in specs/) become spec views with live islands;
    // the lessons' demonstrations run as extra jobs in the same training worker.
    dlc({ specsDir: 'specs', jobs: ['site/islands/interactives/compute/jobs.ts'] }),
    mdx(),
    // The 404 page is not a place to send search engines.
    sitemap({ filter: (page) => !page.includes('/404') }),
  ],
  vite: {
    // The site imports the compiler as `dlc`, `dlc/runtime`, `dlc/emit` (itself, by package
    // name); the `source` export condition resolves those to the TypeScript sources.
    plugins: [sourceCondition()],
    // Workers as ES modules (both are created with `type: 'module'`), so their dynamic
    // imports stay separate chunks: the training worker loads the WebGL and CPU backends
    // only when it uses them, instead of parsing all of TensorFlow.js before its first
    // message (IIFE, Vite's default, inlines every chunk). See docs/performance.md.
    worker: { format: 'es' },
    build: {
      // Vite inlines assets under 4 kB as data: URLs, and Astro inlines small bundled
      // scripts into the page. The site's Content-Security-Policy (docs/deployment.md)
      // allows neither inline scripts nor data: fonts (KaTeX's smallest), so scripts and
      // fonts always ship as files; images and styles keep the default.
      assetsInlineLimit: (file) => (/\.([cm]?js|woff2?|ttf|otf|eot)$/.test(file) ? false : undefined),
    },
  },
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

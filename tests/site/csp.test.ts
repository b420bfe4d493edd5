// The built site ships no inline scripts and no inline event handlers, so it runs under the
// Content-Security-Policy of docs/deployment.md (script-src 'self'). Astro inlines small
// bundled scripts by default; astro.config.mjs turns that off, and this test holds it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { builtSite } from './built-site.ts';

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? htmlFiles(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : [],
  );
}

describe('the built site and the CSP', () => {
  const dist = builtSite();
  const pages = htmlFiles(dist);

  test('no page has an inline script, an inline event handler or a javascript: URL', () => {
    expect(pages.length).toBeGreaterThan(10);
    const found: string[] = [];
    for (const file of pages) {
      const html = readFileSync(file, 'utf8');
      const where = relative(dist, file);
      for (const [, attrs, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
        // JSON data blocks are not run; none ship today, but they would be allowed.
        if (body.trim() !== '' && !/type="application\/(ld\+)?json"/.test(attrs)) found.push(`${where}: inline <script${attrs}> ${body.trim().slice(0, 60)}`);
        if (!/\ssrc="\/[^/]/.test(attrs)) found.push(`${where}: <script${attrs}> does not load a file of the site`);
      }
      for (const [handler] of html.matchAll(/<[a-z][^>]*\son[a-z]+=["'][^>]*>/gi)) found.push(`${where}: inline handler ${handler.slice(0, 80)}`);
      for (const [url] of html.matchAll(/(?:href|src|action)="javascript:[^"]*"/gi)) found.push(`${where}: ${url}`);
    }
    expect(found).toEqual([]);
  });

  test('the theme is still set before the body paints: a blocking script in <head>', () => {
    for (const file of pages) {
      const html = readFileSync(file, 'utf8');
      // A renamed lesson's old URL is a meta-refresh page with nothing to paint.
      if (/<meta http-equiv="refresh"/.test(html)) continue;
      const head = html.slice(0, html.indexOf('</head>'));
      expect(head, relative(dist, file)).toMatch(/<script src="\/theme-init\.js"><\/script>/);
    }
    expect(readFileSync(join(dist, 'theme-init.js'), 'utf8')).toContain("localStorage.getItem('dlc:theme')");
  });
});

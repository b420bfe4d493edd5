// The built site: one page per lesson with its front matter, navigation in module order,
// the sitemap and 404 page, titles and descriptions everywhere, nothing loaded from other
// hosts, and the lesson-page JavaScript budget.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { beforeAll, describe, expect, test } from 'vitest';
import { lessonSchema, type LessonData } from '../../site/content/lesson-schema.ts';
import { measureSite, JS_BUDGET_GZ } from '../../bench/page-weight.ts';
import { builtSite, ROOT } from './built-site.ts';
import { RENAMED_LESSONS } from '../../site/lib/renamed-lessons.ts';

const LESSONS_DIR = join(ROOT, 'site', 'content', 'lessons');

interface LessonFile {
  slug: string;
  data: LessonData;
}

function lessonFiles(): LessonFile[] {
  return readdirSync(LESSONS_DIR)
    .filter((name) => name.endsWith('.mdx'))
    .map((name) => {
      const { frontmatter } = parseFrontmatter(readFileSync(join(LESSONS_DIR, name), 'utf8'));
      return { slug: basename(name, '.mdx'), data: lessonSchema.parse(frontmatter) };
    })
    .sort((a, b) => a.data.order - b.data.order);
}

/** Redirect pages of renamed lessons (tests/site/renamed-lessons.test.ts checks them) are not pages to read. */
const REDIRECTS = new Set(Object.keys(RENAMED_LESSONS).map((slug) => join('lessons', slug, 'index.html')));

function htmlPages(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => p.endsWith('.html') && !p.startsWith('pagefind') && !REDIRECTS.has(p))
    .map((p) => join(dir, p));
}

/** Decodes the few entities Astro writes into attribute values and text. */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .trim();
}

function metaDescription(html: string): string | undefined {
  const match = /<meta name="description" content="([^"]*)"/.exec(html);
  return match ? text(match[1]) : undefined;
}

let dist: string;
let lessons: LessonFile[];

beforeAll(() => {
  dist = builtSite();
  lessons = lessonFiles();
});

describe('lesson pages', () => {
  test('there is at least one lesson and orders are unique', () => {
    expect(lessons.length).toBeGreaterThan(0);
    const orders = lessons.map((l) => l.data.order);
    expect(new Set(orders).size).toBe(orders.length);
  });

  test('every lesson has a page with its title, summary as description, and objectives', () => {
    for (const { slug, data } of lessons) {
      const file = join(dist, 'lessons', slug, 'index.html');
      expect(existsSync(file), `page for ${slug}`).toBe(true);
      const html = readFileSync(file, 'utf8');
      expect(text(/<title>([^<]*)<\/title>/.exec(html)![1])).toContain(data.title);
      expect(text(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)![1])).toBe(data.title);
      expect(metaDescription(html)).toBe(data.summary);
      for (const objective of data.objectives) expect(text(html)).toContain(objective);
    }
  });

  test('each lesson shows its position, marks itself in the sidebar and links to its neighbours', () => {
    lessons.forEach(({ slug }, i) => {
      const html = readFileSync(join(dist, 'lessons', slug, 'index.html'), 'utf8');
      expect(html).toContain(`Lesson ${i + 1} of ${lessons.length}`);
      const current = [...html.matchAll(/<a href="([^"]+)" aria-current="page"/g)].map((m) => m[1]);
      expect(new Set(current)).toEqual(new Set([`/lessons/${slug}/`]));
      const prev = /<a href="([^"]+)" rel="prev"/.exec(html)?.[1];
      const next = /<a href="([^"]+)" rel="next"/.exec(html)?.[1];
      expect(prev).toBe(i > 0 ? `/lessons/${lessons[i - 1].slug}/` : undefined);
      expect(next).toBe(i < lessons.length - 1 ? `/lessons/${lessons[i + 1].slug}/` : undefined);
      if (i === lessons.length - 1) expect(html).toContain('href="/assessment/"');
    });
  });

  test('the course home lists every lesson in order with its summary', () => {
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const listed = [...html.matchAll(/<li data-lesson="([^"]+)"/g)].map((m) => m[1]);
    expect(listed).toEqual(lessons.map((l) => l.slug));
    for (const { data } of lessons) expect(text(html)).toContain(data.summary);
  });
});

describe('site pages', () => {
  test('the sitemap lists home, every lesson, the assessment and search, and not the 404 page', () => {
    const index = readFileSync(join(dist, 'sitemap-index.xml'), 'utf8');
    const sitemaps = [...index.matchAll(/<loc>[^<]*\/([^/<]+\.xml)<\/loc>/g)].map((m) => m[1]);
    expect(sitemaps.length).toBeGreaterThan(0);
    const urls = sitemaps.flatMap((name) =>
      [...readFileSync(join(dist, name), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname),
    );
    expect(urls).toEqual(
      expect.arrayContaining(['/', '/assessment/', '/search/', ...lessons.map((l) => `/lessons/${l.slug}/`)]),
    );
    expect(urls.some((u) => u.includes('404'))).toBe(false);
  });

  test('a 404 page exists and links back to the course', () => {
    const html = readFileSync(join(dist, '404.html'), 'utf8');
    expect(html).toContain('Page not found');
    expect(html).toContain('href="/"');
  });

  test('every page has a title, a meta description and a main landmark', () => {
    const pages = htmlPages(dist);
    expect(pages.length).toBeGreaterThanOrEqual(lessons.length + 4);
    for (const file of pages) {
      const html = readFileSync(file, 'utf8');
      expect(/<title>[^<]+<\/title>/.test(html), `${file} title`).toBe(true);
      expect(metaDescription(html)?.length ?? 0, `${file} description`).toBeGreaterThan(20);
      expect(html, file).toContain('<main id="main"');
      expect(html, file).toContain('href="#main"');
    }
  });

  test('no page loads a script, stylesheet or font from another host', () => {
    for (const file of htmlPages(dist)) {
      const html = readFileSync(file, 'utf8');
      const external = [...html.matchAll(/<(?:script|link|img|iframe)\b[^>]*\s(?:src|href)="((?:https?:)?\/\/[^"]+)"/g)]
        .filter((m) => !/rel="(?:canonical|sitemap)"/.test(m[0]))
        .map((m) => m[1]);
      expect(external, file).toEqual([]);
    }
    const css = readdirSync(join(dist, '_astro')).filter((n) => n.endsWith('.css'));
    for (const name of css) {
      expect(readFileSync(join(dist, '_astro', name), 'utf8'), name).not.toMatch(/url\((["']?)(https?:)?\/\//);
    }
  });

  test('the search page loads Pagefind from the built index, and only it does', () => {
    expect(existsSync(join(dist, 'pagefind', 'pagefind-ui.js'))).toBe(true);
    for (const file of htmlPages(dist)) {
      const loadsPagefind = readFileSync(file, 'utf8').includes('/pagefind/pagefind-ui.js');
      expect(loadsPagefind, file).toBe(file === join(dist, 'search', 'index.html'));
    }
  });

  test('every lesson page is indexed for search', () => {
    for (const { slug } of lessons) {
      expect(readFileSync(join(dist, 'lessons', slug, 'index.html'), 'utf8')).toContain('data-pagefind-body');
    }
  });
});

describe('page weight', () => {
  test('lesson pages load at most 100 KB of compressed JavaScript at start, and no TensorFlow.js', () => {
    const weights = measureSite(dist).filter((w) => w.page.startsWith('/lessons/') && !REDIRECTS.has(join(w.page.slice(1), 'index.html')));
    expect(weights.length).toBe(lessons.length);
    for (const w of weights) {
      expect(w.js.gz, `${w.page} JS gz`).toBeLessThanOrEqual(JS_BUDGET_GZ);
      expect(w.loadsTfjs, `${w.page} loads TensorFlow.js`).toBe(false);
    }
  });
});

// Build tests: a fixture lesson built by Astro's own `build()` with the site's Markdown
// configuration (the unified processor with its math plugins) and the dlc integration (the
// dl remark plugin, the dl grammar, the real spec view), static only. One build for
// everything that renders, one for a broken spec. The live island is built by the course
// site (tests/e2e) and by tests/package/astro-site.test.ts.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mdx from '@astrojs/mdx';
import { build } from 'astro';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import siteConfig from '../../astro.config.mjs';
import dlc from '../../integration/index.ts';
import { toPyTorch } from '../../compiler/emit/pytorch.ts';
import { compile } from '../../compiler/index.ts';
import { formatCount } from '../../integration/diagram/labels.ts';
import { renderDiagram } from '../../integration/render/diagram.ts';
import { renderSummaryTable } from '../../integration/render/summary.ts';

const SPECS = fileURLToPath(new URL('../../specs/', import.meta.url));

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'dlc-specs-build-'));

async function buildFixture(name: string): Promise<string> {
  const root = join(FIXTURES, name);
  const outDir = join(work, name);
  await build({
    root,
    srcDir: join(root, 'src'),
    outDir,
    cacheDir: join(work, `${name}-cache`),
    configFile: false,
    logLevel: 'silent',
    integrations: [dlc({ specsDir: SPECS, live: false }), mdx()],
    markdown: siteConfig.markdown,
    // The site's Vite plugins: its components import the compiler as `dlc` (the source condition).
    vite: siteConfig.vite,
  });
  return outDir;
}

function textOf(html: string): string {
  return unescapeHtml(html.replace(/<[^>]+>/g, ''));
}

function unescapeHtml(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

interface View {
  html: string;
  source: string;
  error: boolean;
  net?: string;
  /** The parts the view leaves out (`hide`). */
  hidden: string[];
}

/** The spec views of a page: each `<figure data-spec-island>` with its source. */
function views(html: string): View[] {
  // Astro's scoped-style markers (`data-astro-cid-*`) are noise to these checks.
  const plain = html.replace(/ data-astro-cid-\w+/g, '');
  return [...plain.matchAll(/<figure[^>]*data-spec-island[^>]*>[\s\S]*?<\/figure>/g)].map(([view]) => {
    // Attribute values may hold `<` and `>` (the source does), so read the tag attribute by attribute.
    const open = /^<figure(?:\s+[\w:-]+(?:="[^"]*")?)*\s*>/.exec(view)![0];
    return {
      html: view,
      source: unescapeHtml(/data-spec-source="([^"]*)"/.exec(open)![1]),
      error: /\sdata-spec-error/.test(open),
      net: /data-spec-net="([^"]*)"/.exec(open)?.[1],
      hidden: /data-spec-hide="([^"]*)"/.exec(open)?.[1].split(' ') ?? [],
    };
  });
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a lesson with specs', () => {
  const lessonPath = join(FIXTURES, 'specs-site/src/lessons/specs.mdx');
  const lesson = readFileSync(lessonPath, 'utf8');
  let html = '';
  let page: View[] = [];

  beforeAll(async () => {
    html = readFileSync(join(await buildFixture('specs-site'), 'index.html'), 'utf8');
    page = views(html);
  });

  it('renders a spec view for every ```dl fence and <Spec src>', () => {
    const embedded = (lesson.match(/^\s*```dl\b/gm) ?? []).length + (lesson.match(/<Spec\s/g) ?? []).length;
    expect(embedded).toBeGreaterThan(0);
    expect(page.length).toBe(embedded);
    // <Spec src> views carry the file's text.
    expect(page.map((v) => v.source)).toContain(readFileSync('specs/digits.dl', 'utf8'));
  });

  it('shows each compiled net with its summary table, diagram and highlighted source', () => {
    for (const view of page.filter((v) => !v.error && v.hidden.length === 0)) {
      const { graph, diagnostics } = compile(view.source);
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const nets = graph!.nets.filter((n) => view.net === undefined || n.name === view.net);
      expect(nets.length).toBeGreaterThan(0);
      expect(view.html.match(/<table class="spec-summary/g)?.length).toBe(nets.length);
      expect(view.html.match(/<svg [^>]*role="img"/g)?.length).toBe(nets.length);
      for (const net of nets) {
        expect(view.html).toContain(`<caption>${net.name}: ${formatCount(net.paramCount)} parameters</caption>`);
        for (const node of net.nodes) expect(view.html).toContain(`layers.${node.index}</code>`);
        expect(view.html).toMatch(new RegExp(`aria-label="Network diagram of ${net.name}`));
      }
      // Shiki with the dl grammar and both themes: layer names are coloured spans.
      expect(view.html).toMatch(/<pre class="astro-code[^"]*"[^>]*--shiki-dark/);
      expect(view.html).toMatch(/<span style="[^"]*--shiki-dark:[^"]*">\s*linear<\/span>/);
    }
  });

  it('shows the equivalent PyTorch model of each net, highlighted, in a disclosure', () => {
    for (const view of page.filter((v) => !v.error && v.hidden.length === 0)) {
      const graph = compile(view.source).graph!;
      const nets = graph.nets.filter((n) => view.net === undefined || n.name === view.net);
      const blocks = [...view.html.matchAll(/<details class="spec-pytorch">([\s\S]*?)<\/details>/g)].map((m) => m[1]);
      expect(blocks.length).toBe(nets.length);
      nets.forEach((net, i) => {
        expect(blocks[i]).toContain('data-language="python"');
        expect(textOf(blocks[i])).toContain(toPyTorch(graph, { net: net.name, mode: 'model' }).trimEnd());
      });
    }
  });

  it('draws each summary table and diagram with the renderers the live island calls after an edit', () => {
    for (const view of page.filter((v) => !v.error && v.hidden.length === 0)) {
      const graph = compile(view.source).graph!;
      for (const net of graph.nets.filter((n) => view.net === undefined || n.name === view.net)) {
        expect(view.html).toContain(renderSummaryTable(net));
        expect(view.html).toContain(renderDiagram(net));
      }
    }
  });

  it('draws a small net unit by unit and a large one as blocks', () => {
    const xor = page.find((v) => v.source.includes('net Xor'))!;
    expect(xor.html).toContain('net-diagram--units');
    expect(xor.html.match(/<circle /g)?.length).toBe(2 + 8 + 1);
    const digits = page.find((v) => v.source.includes('net Digits'))!;
    expect(digits.html).toContain('net-diagram--blocks');
    expect(digits.html).toContain('>1×8×8</text>');
  });

  it('shows only the net a view asks for', () => {
    const gated = page.find((v) => v.net === 'Gated')!;
    expect(gated.html).toContain('<caption>Gated:');
    expect(gated.html).not.toContain('<caption>Plain:');
  });

  it('renders an intended-error block with its diagnostics instead of failing', () => {
    const broken = page.filter((v) => v.error);
    expect(broken.length).toBe(1);
    const [d] = compile(broken[0].source).diagnostics;
    const text = textOf(broken[0].html);
    expect(text).toContain(`spec.dl:${d.line}:${d.column}: error ${d.code}: ${d.message}`);
    expect(text).toContain(`help: ${d.help}`);
    expect(text).toMatch(/\|\s+\^+/);
    expect(broken[0].html).not.toContain('<table');
  });

  it('shows the warnings of a spec that compiles, above its nets', () => {
    const flat = page.find((v) => v.source.includes('net Flat'))!;
    const warnings = compile(flat.source).diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings.length).toBeGreaterThan(0);
    const text = textOf(flat.html);
    for (const w of warnings) expect(text).toContain(`spec.dl:${w.line}:${w.column}: warning ${w.code}: ${w.message}`);
    expect(flat.html).toContain('spec-diagnostics--warning');
    expect(flat.html.indexOf('spec-diagnostics--warning')).toBeLessThan(flat.html.indexOf('<table'));
    // Specs without diagnostics show none.
    const xor = page.find((v) => v.source.includes('net Xor'))!;
    expect(xor.html).not.toContain('spec-diagnostics');
  });

  it('leaves the hook for the live editor: the source on the root and an empty container', () => {
    for (const view of page) {
      expect(view.source.length).toBeGreaterThan(0);
      expect(view.html).toMatch(/<div class="spec-live[^"]*" data-spec-live><\/div>/);
    }
  });

  it('leaves other languages to the ordinary code blocks', () => {
    expect(html).toContain('not a spec');
  });

  it('leaves out the parts a view hides', () => {
    const [sine] = page.filter((v) => v.hidden.length > 0);
    expect(sine.hidden).toEqual(['diagram', 'pytorch']);
    expect(sine.html).toContain('<table class="spec-summary');
    expect(sine.html).not.toContain('<svg');
    expect(sine.html).not.toContain('spec-pytorch');
  });

  it('keeps the site\'s own remark and rehype plugins: the math is typeset by KaTeX', () => {
    expect(html).toMatch(/<span class="katex">[\s\S]*?<annotation encoding="application\/x-tex">w_\{t\+1\} = w_t - \\eta g_t<\/annotation>/);
  });

  it('ships no script with live: false', () => {
    expect(html).not.toMatch(/<script/);
  });
});

describe('a lesson with a broken spec', () => {
  it('fails the build naming the MDX file, the line and the diagnostic', async () => {
    const lesson = readFileSync(join(FIXTURES, 'specs-broken/src/lessons/broken.mdx'), 'utf8');
    const lines = lesson.split('\n');
    const fence = lines.findIndex((l, i) => l.startsWith('```dl') && lines[i + 1].includes('Oops')) + 1;
    const spec = lesson.split('\n').slice(fence, lines.indexOf('```', fence)).join('\n');
    const [d] = compile(spec).diagnostics;
    expect(d.severity).toBe('error');

    const error = await buildFixture('specs-broken').then(() => null, (e: Error) => e);
    expect(error).not.toBeNull();
    expect(error!.message).toContain(`broken.mdx:${fence + d.line}:${d.column}: error ${d.code}: ${d.message}`);
  });
});

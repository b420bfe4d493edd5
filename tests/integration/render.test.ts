// The plain-TypeScript renderers of the spec view (integration/render/), which the build
// (SpecNet.astro) and the live island both call. The summary is held to the words the old
// template computed cell by cell, and, in `dlc summary`'s words, to the real CLI's table;
// the live PyTorch highlighter to Shiki, as the build's `<Code>` runs it.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createShikiHighlighter } from '@astrojs/internal-helpers/shiki';
import { describe, expect, it } from 'vitest';
import { compile, type NetGraph, type TypedGraph } from '../../compiler/index.ts';
import { toPyTorch } from '../../compiler/emit/index.ts';
import { describeNode, formatCount, formatShape, layerName, nodeParamCount } from '../../integration/diagram/labels.ts';
import { layoutNet } from '../../integration/diagram/layout.ts';
import { renderDiagramSvg } from '../../integration/diagram/svg.ts';
import { CODE_THEMES } from '../../integration/components/themes.ts';
import { renderDiagram } from '../../integration/render/diagram.ts';
import { pytorchModel, renderPyTorchHtml } from '../../integration/render/pytorch.ts';
import { renderSummaryTable } from '../../integration/render/summary.ts';

const ROOT = new URL('../../', import.meta.url);

/** Every spec of the course that compiles, with its text. */
const SPECS: Array<{ file: string; source: string; graph: TypedGraph }> = readdirSync(new URL('specs/', ROOT))
  .filter((f) => f.endsWith('.dl'))
  .flatMap((file) => {
    const source = readFileSync(new URL(`specs/${file}`, ROOT), 'utf8');
    const { graph } = compile(source);
    return graph ? [{ file, source, graph }] : [];
  });
const NETS: Array<{ file: string; source: string; graph: TypedGraph; net: NetGraph }> = SPECS.flatMap((s) => s.graph.nets.map((net) => ({ ...s, net })));

function unescape(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** A table's caption and its rows as cell texts. */
function cells(html: string): { caption: string; rows: string[][] } {
  const caption = unescape(/<caption>(.*?)<\/caption>/.exec(html)![1]);
  const rows = [...html.matchAll(/<tr>(.*?)<\/tr>/g)].map(([, row]) =>
    [...row.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map(([, cell]) => unescape(cell.replace(/<[^>]+>/g, ''))));
  return { caption, rows };
}

describe('summary table', () => {
  it('has the cells the lesson view always showed, for every net of the course specs', () => {
    expect(NETS.length).toBeGreaterThan(8);
    for (const { net } of NETS) {
      const html = renderSummaryTable(net);
      expect(html).toMatch(new RegExp(`^<div class="spec-table-wrap" role="region" aria-label="Summary of ${net.name}" tabindex="0"><table class="spec-summary">`));
      const { caption, rows } = cells(html);
      expect(caption).toBe(`${net.name}: ${formatCount(net.paramCount)} parameters`);
      expect(rows).toEqual([
        ['Layer', 'Type', 'Output shape', 'Parameters'],
        ['input', '', formatShape(net.inputShape), '0'],
        ...net.nodes.map((n) => [layerName(n), describeNode(n), formatShape(n.outShape), formatCount(nodeParamCount(n))]),
        ['Total', formatCount(net.paramCount)],
      ]);
      // Layer names and layers are code, the counts right-aligned numbers.
      for (const n of net.nodes) expect(html).toContain(`<th scope="row"><code>${layerName(n)}</code></th>`);
      expect(html).toContain('<th scope="row" colspan="3">Total</th>');
    }
  });

  it("in `dlc summary`'s words, is the CLI's table: the layers as written, shapes in brackets", () => {
    for (const { file, source, graph } of SPECS.filter((s) => s.file === 'iris.dl' || s.file === 'digits.dl')) {
      const cli = spawnSync(process.execPath, ['bin/dlc.js', 'summary', `specs/${file}`], { cwd: ROOT, encoding: 'utf8' });
      expect(cli.status, cli.stderr).toBe(0);
      const lines = cli.stdout.split('\n').filter((l) => /^layers\.\d+ /.test(l)).map((l) => l.split(/ {3,}/));
      const rows = graph.nets.flatMap((net) => cells(renderSummaryTable(net, { asWritten: source, prefix: 'pg' })).rows.filter((r) => /^layers\./.test(r[0])));
      expect(rows).toEqual(lines);
      const net = graph.nets[0];
      expect(cells(renderSummaryTable(net, { asWritten: source })).caption)
        .toBe(`${net.name}: ${formatCount(net.paramCount)} parameters, input [${net.inputShape.join(', ')}], output [${net.outputShape.join(', ')}]`);
      expect(renderSummaryTable(net, { asWritten: source, prefix: 'pg' })).toMatch(/^<div class="pg-table-wrap"[^>]*><table class="pg-summary">/);
    }
  });

  it('escapes what comes from the spec', () => {
    const source = 'net Esc <\n  linear 2->3; relu  # a < b & "c"\n>\n';
    const net = compile(source).graph!.nets[0];
    const html = renderSummaryTable(net, { asWritten: source });
    expect(html).toContain('<code>linear 2-&gt;3</code>');
    expect(html).toContain('<caption>Esc: 9 parameters, input [2], output [3]</caption>');
    expect(html).not.toMatch(/<(?!\/?(div|table|caption|thead|tbody|tfoot|tr|th|td|code)\b)/);
  });
});

describe('diagram', () => {
  it("is the laid-out SVG in the view's wrapper, for every net", () => {
    for (const { net } of NETS) {
      const d = layoutNet(net);
      expect(renderDiagram(net)).toBe(`<div class="spec-diagram spec-diagram--${d.kind}">${renderDiagramSvg(d)}</div>`);
    }
  });
});

describe('PyTorch view', () => {
  function styled(html: string): Array<{ ch: string; colour: string }> {
    const out: Array<{ ch: string; colour: string }> = [];
    for (const [, light, dark, text] of html.matchAll(/<span style="color:([^;"]+);--shiki-dark:([^;"]+)">([^<]*)<\/span>/g)) {
      for (const ch of unescape(text)) if (!/\s/.test(ch)) out.push({ ch, colour: `${light.toUpperCase()}/${dark.toUpperCase()}` });
    }
    return out;
  }

  it('shows the same code as the build, and colours each token as Shiki does in the same frame', async () => {
    // As Code.astro calls it: a bundled language by name (the helper's type asks for a registration).
    const shiki = await createShikiHighlighter({ langs: ['python' as never], themes: CODE_THEMES });
    let coloured = 0;
    for (const { graph, net } of NETS) {
      const code = pytorchModel(graph, net.name);
      expect(code).toBe(toPyTorch(graph, { net: net.name, mode: 'model' }).trimEnd());
      const built = await shiki.codeToHtml(code, 'python', { defaultColor: 'light' });
      const live = renderPyTorchHtml(code);
      // The same <pre> (class, theme colours), lines and text.
      expect(live.slice(0, live.indexOf('<code>'))).toBe(built.slice(0, built.indexOf('<code>')));
      expect(live.split('\n').length).toBe(built.split('\n').length);
      const a = styled(built);
      const b = styled(live);
      expect(b.map((c) => c.ch).join('')).toBe(a.map((c) => c.ch).join(''));
      const text = '#1F2328/#E6EDF3';
      b.forEach((c, i) => {
        if (c.colour === text) return;
        coloured += 1;
        expect(`${c.ch}@${i} ${c.colour}`).toBe(`${c.ch}@${i} ${a[i].colour}`);
      });
    }
    expect(coloured).toBeGreaterThan(1000);
  });
});

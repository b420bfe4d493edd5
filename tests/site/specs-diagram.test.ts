// The network diagram, laid out from graphs the real compiler builds from the repository's
// example specs: unit by unit for small nets (a circle per unit, a line per weight), one block
// per layer otherwise, and the tensor's shape on every edge.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import type { NetGraph } from '../../compiler/graph/types.ts';
import { formatShape } from '../../integration/diagram/labels.ts';
import { layoutNet } from '../../integration/diagram/layout.ts';
import { renderDiagramSvg } from '../../integration/diagram/svg.ts';
import type { NetDiagram, Point } from '../../integration/diagram/types.ts';
import { MAX_INPUTS, MAX_UNITS } from '../../integration/diagram/units.ts';

function netOf(source: string, name?: string): NetGraph {
  const { graph, diagnostics } = compile(source);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const net = name ? graph!.nets.find((n) => n.name === name) : graph!.nets[0];
  expect(net).toBeDefined();
  return net!;
}

const specNet = (file: string, name?: string) => netOf(readFileSync(`specs/${file}`, 'utf8'), name);

/** Weights of the linear layers, counted from the graph's parameter shapes. */
function weightCount(net: NetGraph): number {
  return net.nodes.flatMap((n) => n.params.filter((p) => p.name.endsWith('.weight')))
    .reduce((sum, p) => sum + p.shape.reduce((a, b) => a * b, 1), 0);
}

function inside(d: NetDiagram, p: Point): boolean {
  return p.x >= 0 && p.x <= d.width && p.y >= 0 && p.y <= d.height;
}

describe('unit-by-unit diagrams of small nets', () => {
  const xor = specNet('xor.dl');
  const d = layoutNet(xor);

  it('draws Xor unit by unit: a column per linear layer, a circle per unit', () => {
    expect(d.kind).toBe('units');
    if (d.kind !== 'units') return;
    const linears = xor.nodes.filter((n) => n.op === 'linear');
    expect(d.columns.map((c) => c.units.length)).toEqual([xor.inputShape[0], ...linears.map((n) => n.outShape[0])]);
    // Activations label the column of the linear layer before them.
    expect(d.columns[1].lines).toEqual(['linear 2→8', 'tanh']);
    expect(d.columns[2].lines).toEqual(['linear 8→1', 'sigmoid']);
  });

  it('draws one line per weight of the net', () => {
    if (d.kind !== 'units') throw new Error('expected units');
    expect(d.weights.length).toBe(weightCount(xor));
  });

  it('writes the shape on every edge, ending with the output shape', () => {
    if (d.kind !== 'units') throw new Error('expected units');
    // Into each linear layer flow its `in` features; out of the last column, the net's output.
    const linears = xor.nodes.filter((n) => n.op === 'linear');
    expect(d.edges.map((e) => e.label)).toEqual([...linears.map((n) => String(n.attrs.in)), formatShape(xor.outputShape)]);
  });

  it('keeps every unit, weight and label inside the picture', () => {
    if (d.kind !== 'units') throw new Error('expected units');
    for (const c of d.columns) for (const u of c.units) expect(inside(d, u)).toBe(true);
    for (const w of d.weights) expect(inside(d, w.from) && inside(d, w.to)).toBe(true);
    for (const e of d.edges) expect(inside(d, e.to) && inside(d, e.labelAt)).toBe(true);
  });

  it('uses units up to the limits and blocks just past them', () => {
    const atLimit = netOf(`net A < linear ${MAX_INPUTS}->${MAX_UNITS}; relu; linear ${MAX_UNITS}->2 >`);
    expect(layoutNet(atLimit).kind).toBe('units');
    expect(layoutNet(netOf(`net A < linear ${MAX_INPUTS + 1}->4 >`)).kind).toBe('blocks');
    expect(layoutNet(netOf(`net A < linear 4->${MAX_UNITS + 1}; relu; linear ${MAX_UNITS + 1}->2 >`)).kind).toBe('blocks');
  });
});

describe('block diagrams of large nets', () => {
  it.each([
    ['iris.dl', undefined],        // 32 hidden units: too many to draw one by one
    ['digits.dl', undefined],      // convolutions
    ['delay.dl', 'Gated'],        // a recurrent net on sequences
    ['gelu-dropout-batchnorm.dl', undefined],
  ])('draws %s as one block per layer with the shape on every edge', (file, name) => {
    const net = specNet(file, name);
    const d = layoutNet(net);
    expect(d.kind).toBe('blocks');
    if (d.kind !== 'blocks') return;
    expect(d.blocks.length).toBe(net.nodes.length + 2);
    expect(d.blocks[0].role).toBe('input');
    expect(d.blocks.at(-1)!.role).toBe('output');
    expect(d.edges.map((e) => e.label)).toEqual([net.inputShape, ...net.nodes.map((n) => n.outShape)].map(formatShape));
    // Blocks follow each other top to bottom without overlapping, and every edge joins two of them.
    d.blocks.forEach((b, i) => {
      expect(inside(d, { x: b.x + b.width, y: b.y + b.height })).toBe(true);
      if (i === 0) return;
      const prev = d.blocks[i - 1];
      expect(b.y).toBeGreaterThan(prev.y + prev.height);
      expect(d.edges[i - 1].from.y).toBe(prev.y + prev.height);
      expect(d.edges[i - 1].to.y).toBe(b.y);
    });
  });

  it('names each layer with its parameters as PyTorch counts them', () => {
    const digits = specNet('digits.dl');
    const d = layoutNet(digits);
    if (d.kind !== 'blocks') throw new Error('expected blocks');
    expect(d.blocks[1].label).toBe('conv 1→8 3×3 pad 1');
    expect(d.blocks[1].detail).toBe('layers.0 · 80 parameters');
    expect(d.blocks[3].label).toBe('maxpool 2');
    expect(d.blocks[3].detail).toBeUndefined();
    expect(d.edges[0].label).toBe('1×8×8');
  });
});

describe('SVG', () => {
  it('is an accessible image whose text describes the net', () => {
    const xor = specNet('xor.dl');
    const d = layoutNet(xor);
    const svg = renderDiagramSvg(d);
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    expect(svg).toContain(`aria-label="${d.description}"`);
    expect(svg).toContain(`<title>${d.description}</title>`);
    expect(d.description).toContain('Xor');
    expect(d.description).toContain(`${weightCount(xor)} weights`);
    if (d.kind !== 'units') throw new Error('expected units');
    expect(svg.match(/<circle /g)!.length).toBe(d.columns.reduce((n, c) => n + c.units.length, 0));
    // No ids: a page may hold many diagrams.
    expect(svg).not.toMatch(/\sid="/);
  });

  it('draws every block and every shape label of a large net', () => {
    const digits = specNet('digits.dl');
    const d = layoutNet(digits);
    const svg = renderDiagramSvg(d);
    expect(svg.match(/<rect /g)!.length).toBe(digits.nodes.length + 2);
    for (const shape of [digits.inputShape, ...digits.nodes.map((n) => n.outShape)]) {
      expect(svg).toContain(`>${formatShape(shape)}</text>`);
    }
    expect(d.description).toContain('one block per layer');
  });
});

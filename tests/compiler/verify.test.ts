// The typed graph's verifier (compiler/graph/verify.ts) against hand-broken graphs: each op's
// attributes (names, types, ranges as the op table reads them), unknown ops, shapes that do
// not chain or do not follow the op's rule, parameters and broken structure each give their
// code, and no broken graph makes the verifier itself throw.
import { describe, expect, it } from 'vitest';
import { compile, LAYERS, OP_KINDS } from '../../compiler/index.ts';
import { INPUT_EXAMPLES } from '../../compiler/check/layers.ts';
import { R_GRAPH, R_RUN } from '../../compiler/diagnostics/messages.ts';
import { assertGraph, checkGraph, GraphError } from '../../compiler/graph/verify.ts';
import type { TypedGraph } from '../../compiler/graph/types.ts';

/** A graph whose first layer is `op` written as its example (as tests/compiler/op-table.test.ts builds it). */
function graphWith(op: (typeof OP_KINDS)[number]): TypedGraph {
  const rule = LAYERS[op];
  const { graph } = compile(`net A <\n  ${INPUT_EXAMPLES[rule.input]};\n  ${rule.sig.example}\n>\n`);
  expect(graph).not.toBeNull();
  return graph!;
}
const codes = (g: unknown) => [...new Set(checkGraph(g).map((p) => p.code))];
const ATTRS = R_GRAPH.attrs.code;

describe('the verifier checks each op against the op table', () => {
  it.each([...OP_KINDS])('%s: its compiled graph is sound', (op) => {
    expect(checkGraph(graphWith(op))).toEqual([]);
  });

  it.each([...OP_KINDS])('%s: an attribute it does not have, a missing one, or one of the wrong type is DL0892', (op) => {
    const g = graphWith(op);
    const node = () => g.nets[0].nodes[0];
    const attrs = structuredClone(node().attrs);
    node().attrs = { ...attrs, colour: 1 };
    expect(codes(g)).toEqual([ATTRS]);
    expect(checkGraph(g)[0].message).toContain(`${op}: no attribute colour`);
    for (const key of Object.keys(attrs)) {
      node().attrs = Object.fromEntries(Object.entries(attrs).filter(([k]) => k !== key));
      expect(codes(g), `${op} without ${key}`).toEqual([ATTRS]);
      node().attrs = { ...attrs, [key]: 'seven' as never };
      expect(codes(g), `${op} ${key}="seven"`).toEqual([ATTRS]);
    }
    node().attrs = attrs;
    expect(checkGraph(g)).toEqual([]);
  });

  it.each([
    ['dropout', 'p', 1], ['dropout', 'p', -0.1], ['batchnorm', 'momentum', 2], ['batchnorm', 'eps', 0],
    ['conv', 'stride', 0], ['conv', 'pad', -1], ['conv', 'kernel', [3]], ['conv', 'in', 1.5], ['linear', 'out', 0],
    ['maxpool', 'kernel', 0], ['avgpool', 'stride', 0.5], ['lstm', 'hidden', -4], ['leaky_relu', 'slope', Infinity],
    ['softmax', 'axis', 0], ['batchnorm', 'features', 3],
  ] as const)('%s %s=%j is out of its range: DL0892', (op, key, value) => {
    const g = graphWith(op);
    (g.nets[0].nodes[0].attrs as Record<string, unknown>)[key] = value;
    expect(codes(g)).toContain(ATTRS);
  });

  it('an op outside the table is DL0891', () => {
    const g = graphWith('relu');
    (g.nets[0].nodes[0] as { op: string }).op = 'swish';
    expect(codes(g)).toEqual([R_GRAPH.unknownOp.code]);
  });

  it('shapes that do not chain, or that the op does not make, are DL0893', () => {
    const g = graphWith('linear');
    g.nets[0].nodes[0].inShape = [5];
    expect(codes(g)).toContain(R_GRAPH.shapes.code);
    const h = graphWith('conv');
    h.nets[0].nodes[0].outShape = [8, 7, 7];
    h.nets[0].outputShape = [8, 7, 7];
    expect(checkGraph(h).map((p) => p.message)).toEqual(['net A layers.0: conv makes [8,8,8] of [1,8,8], not [8,7,7]']);
    const r = graphWith('last');
    r.nets[0].nodes[0].inShape = [20];
    r.nets[0].inputShape = [20];
    expect(checkGraph(r)[0]).toMatchObject({ code: R_GRAPH.shapes.code, message: expect.stringContaining('last does not take the input [20]') });
  });

  it('parameters the op does not make, and counts that do not add up, are DL0894', () => {
    const g = graphWith('batchnorm');
    g.nets[0].nodes[0].params[2].role = 'param';
    expect(codes(g)).toEqual([R_GRAPH.params.code]);
    const l = graphWith('linear');
    l.nets[0].nodes[0].params[0].shape = [32, 5];
    expect(codes(l)).toEqual([R_GRAPH.params.code]);
  });

  it('a train block that names no net is DL0873, as train() says it; settings out of range DL0895', () => {
    const { graph } = compile('net A < linear 4->3 > train A on iris < >');
    const g = structuredClone(graph!);
    g.trains[0].net = 'B';
    expect(codes(g)).toEqual([R_RUN.trainNetMissing.code]);
    const e = structuredClone(graph!);
    e.trains[0].epochs = 0;
    e.trains[0].batch = -1;
    expect(codes(e)).toEqual([R_GRAPH.trains.code]);
  });

  it.each([
    ['null', null], ['a list', []], ['no nets', { version: 1, trains: [] }], ['a node that is null', { version: 1, nets: [{ name: 'A', inputShape: [1], outputShape: [1], paramCount: 0, nodes: [null] }], trains: [] }],
  ])('%s is DL0890, and assertGraph throws it as a GraphError', (_, g) => {
    expect(codes(g)).toContain(R_GRAPH.structure.code);
    expect(() => assertGraph(g)).toThrow(GraphError);
  });

  it('no mutation of a graph makes the verifier throw', () => {
    const base = compile(`net C < input 1x8x8; conv 1->4 3 pad=1; batchnorm; relu; maxpool 2; flatten; dropout 0.2; linear 64->10 >
net R < input 20x1; lstm 1->8; last; leaky_relu slope=0.1; linear 8->1 >
train C on digits < epochs 1 >`).graph!;
    // A fixed linear congruential sequence: the same mutations every run.
    let seed = 7;
    const rng = { random: () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.random() * xs.length)]!;
    const junk = [null, -1, 0, 1.5, 'x', [], {}, [1, 2], true, Number.NaN, undefined];
    let broken = 0;
    for (let k = 0; k < 300; k++) {
      const g = structuredClone(base) as unknown as Record<string, unknown>;
      // Walk to a random object in the graph and replace one of its fields with junk.
      let at: Record<string, unknown> = g;
      for (let depth = 0; depth < 5; depth++) {
        const keys = Object.keys(at).filter((key) => typeof at[key] === 'object' && at[key] !== null);
        if (keys.length === 0 || rng.random() < 0.25) break;
        at = at[pick(keys)] as Record<string, unknown>;
      }
      const keys = Object.keys(at);
      if (keys.length === 0) continue;
      at[pick(keys)] = pick(junk);
      const problems = checkGraph(g);
      if (problems.length) broken++;
      for (const p of problems) expect(p.code).toMatch(/^DL08(7[3]|9[0-5])$/);
    }
    // Spans and a data set's options (which the runtime checks itself, DL0865-DL0867) are not
    // verified: a mutation there is harmless to the verifier.
    expect(broken).toBeGreaterThan(200);
  });
});

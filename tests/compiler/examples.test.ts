// Every example spec and every PyTorch reference spec compiles to the graph PyTorch would
// build: the parameter counts of the issue, and state_dict names and shapes equal to the
// reference fixtures (which were written by PyTorch itself).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import type { NetGraph, TypedGraph } from '../../compiler/index.ts';
import { verify } from '../../compiler/graph/verify.ts';

const root = join(import.meta.dirname, '../..');
const specs = readdirSync(join(root, 'specs')).filter((f) => f.endsWith('.dl')).sort();
const fixtures = readdirSync(join(root, 'tests/fixtures/pytorch')).filter((f) => f.endsWith('.json')).sort();

function compileSpec(file: string) {
  return compile(readFileSync(join(root, 'specs', file)));
}

function net(graph: TypedGraph | null, name: string): NetGraph {
  const found = graph?.nets.find((n) => n.name === name);
  if (!found) throw new Error(`no net ${name}`);
  return found;
}

describe('example specs', () => {
  it.each(specs.filter((f) => f !== 'shape-error.dl'))('%s compiles without errors or warnings to a valid graph', (file) => {
    const { graph, diagnostics } = compileSpec(file);
    expect(diagnostics).toEqual([]);
    expect(graph).not.toBeNull();
    expect(verify(graph!)).toEqual([]);
    expect(JSON.parse(JSON.stringify(graph))).toEqual(graph);
  });

  it.each([
    ['iris.dl', 'Iris', 739, [4], [3]],
    ['xor.dl', 'Xor', 33, [2], [1]],
    ['spiral.dl', 'Spiral', 1185, [2], [1]],
    ['digits.dl', 'Digits', 1898, [1, 8, 8], [10]],
    ['delay.dl', 'Gated', 1250, [20, 1], [2]],
    ['delay.dl', 'Plain', 338, [20, 1], [2]],
    ['sine.dl', 'Wave', 97, [1], [1]],
    ['gelu-dropout-batchnorm.dl', 'Mixed', 2627, [4], [3]],
  ] as const)('%s: net %s has %i parameters, input %j, output %j', (file, name, count, input, output) => {
    const n = net(compileSpec(file).graph, name);
    expect(n.paramCount).toBe(count);
    expect(n.inputShape).toEqual(input);
    expect(n.outputShape).toEqual(output);
  });

  it('digits: every layer shape follows PyTorch (conv pad=1 keeps 8x8, pools halve it)', () => {
    const n = net(compileSpec('digits.dl').graph, 'Digits');
    expect(n.nodes.map((x) => [x.op, x.outShape])).toEqual([
      ['conv', [8, 8, 8]], ['relu', [8, 8, 8]], ['maxpool', [8, 4, 4]],
      ['conv', [16, 4, 4]], ['relu', [16, 4, 4]], ['maxpool', [16, 2, 2]],
      ['flatten', [64]], ['linear', [10]],
    ]);
    expect(n.nodes[0]!.attrs).toEqual({ in: 1, out: 8, kernel: [3, 3], stride: 1, pad: 1, bias: true });
    expect(n.nodes[0]!.params[0]).toEqual({ name: 'layers.0.weight', shape: [8, 1, 3, 3], role: 'param', dtype: 'float32', init: { kind: 'uniform', bound: 1 / 3 } });
  });

  it('batchnorm keeps PyTorch buffers: running_mean, running_var, num_batches_tracked (int64)', () => {
    const n = net(compileSpec('gelu-dropout-batchnorm.dl').graph, 'Mixed');
    const bn = n.nodes[1]!;
    expect(bn.op).toBe('batchnorm');
    expect(bn.attrs).toEqual({ features: 64, dims: 1, eps: 1e-5, momentum: 0.1 });
    expect(bn.params.map((p) => [p.name, p.shape, p.role, p.dtype, p.init])).toEqual([
      ['layers.1.weight', [64], 'param', 'float32', { kind: 'const', value: 1 }],
      ['layers.1.bias', [64], 'param', 'float32', { kind: 'const', value: 0 }],
      ['layers.1.running_mean', [64], 'buffer', 'float32', { kind: 'const', value: 0 }],
      ['layers.1.running_var', [64], 'buffer', 'float32', { kind: 'const', value: 1 }],
      ['layers.1.num_batches_tracked', [], 'buffer', 'int64', { kind: 'const', value: 0 }],
    ]);
  });

  it('lstm and rnn parameters use PyTorch names, layouts and the 1/sqrt(H) bound', () => {
    const graph = compileSpec('delay.dl').graph;
    const lstm = net(graph, 'Gated').nodes[0]!;
    expect(lstm.params.map((p) => [p.name, p.shape])).toEqual([
      ['layers.0.weight_ih_l0', [64, 1]], ['layers.0.weight_hh_l0', [64, 16]],
      ['layers.0.bias_ih_l0', [64]], ['layers.0.bias_hh_l0', [64]],
    ]);
    expect(lstm.params.every((p) => p.init.kind === 'uniform' && p.init.bound === 0.25)).toBe(true);
    const rnn = net(graph, 'Plain').nodes[0]!;
    expect(rnn.params.map((p) => p.shape)).toEqual([[16, 1], [16, 16], [16], [16]]);
  });

  it('train blocks resolve every setting, with defaults where left out', () => {
    const iris = compileSpec('iris.dl').graph!.trains[0]!;
    expect(iris).toMatchObject({
      net: 'Iris', loss: 'cross_entropy', batch: 'full', epochs: 100, split: 0.2, standardize: true, seed: 42,
      dataset: { name: 'iris', options: {}, exampleShape: [4], target: { kind: 'classes', classes: 3 } },
      optimizer: { name: 'adam', lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, momentum: 0 },
    });
    const delay = compileSpec('delay.dl').graph!.trains[0]!;
    expect(delay.dataset).toEqual({ name: 'delay', options: { steps: 20, n: 1000 }, exampleShape: [20, 1], target: { kind: 'classes', classes: 2 } });
    expect(delay).toMatchObject({ split: 0.2, seed: 0, standardize: false });
    const xor = compileSpec('xor.dl').graph!.trains[0]!;
    expect(xor.optimizer).toMatchObject({ name: 'sgd', lr: 0.5, momentum: 0.9, weightDecay: 0 });
    const bare = compile('net N < linear 2->1 > train N on spiral < >').graph!.trains[0]!;
    expect(bare).toMatchObject({ loss: 'bce_logits', batch: 32, epochs: 10, split: 0.2, seed: 0, optimizer: { name: 'adam', lr: 0.001 } });
    expect(bare.dataset.options).toEqual({ n: 400, noise: 0 });
  });

  it('flowers.dl reads its csv relative to the spec: 4 features, 3 species', () => {
    const dir = join(root, 'specs');
    const readFile = (p: string) => readFileSync(join(dir, p), 'utf8');
    const { graph, diagnostics } = compile(readFileSync(join(dir, 'flowers.dl')), { readFile });
    expect(diagnostics).toEqual([]);
    expect(graph!.trains[0]!.dataset).toEqual({
      name: 'csv', options: { file: 'data/flowers.csv', target: 'species' }, exampleShape: [4], target: { kind: 'classes', classes: 3 },
    });
  });

  it('shape-error.dl fails with the one-number fix', () => {
    const { graph, diagnostics } = compileSpec('shape-error.dl');
    expect(graph).toBeNull();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'DL0401', line: 4, help: '`relu` gives 32 features; write `linear 32->3`' });
  });
});

describe('PyTorch reference fixtures', () => {
  it.each(fixtures)('%s: state_dict names, shapes and order equal PyTorch\'s', (file) => {
    const fixture = JSON.parse(readFileSync(join(root, 'tests/fixtures/pytorch', file), 'utf8'));
    const { graph, diagnostics } = compile(fixture.spec);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(verify(graph!)).toEqual([]);
    // The fixtures hold the whole state_dict: parameters and buffers, in PyTorch's order.
    const ours = net(graph, fixture.net).nodes.flatMap((n) => n.params.map((p) => [p.name, p.shape]));
    const theirs = Object.entries(fixture.params as Record<string, { shape: number[] }>).map(([k, v]) => [k, v.shape]);
    expect(ours).toEqual(theirs);
  });
});

// The checker's rules one by one: shape inference for every layer, input inference, the
// fixes it offers, csv typing, train defaults, limits, and the graph verifier itself.
import { describe, expect, it } from 'vitest';
import { compile, DATASETS, VOCABULARY } from '../../compiler/index.ts';
import type { NetGraph } from '../../compiler/index.ts';
import { verify } from '../../compiler/graph/verify.ts';
import { typeCsv } from '../../compiler/check/csv.ts';
import { suggest } from '../../compiler/check/suggest.ts';
import { LAYERS } from '../../compiler/check/layers.ts';

function netOf(source: string): NetGraph {
  const { graph, diagnostics } = compile(source);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(verify(graph!)).toEqual([]);
  return graph!.nets[0]!;
}

function codes(source: string, readFile?: (p: string) => string | undefined) {
  return compile(source, readFile ? { readFile } : {}).diagnostics.map((d) => d.code);
}

describe('shape inference', () => {
  it('linear maps the last dimension, also of a sequence', () => {
    const net = netOf('net A < input 5x3; linear 3->2; tanh; lstm 2->4; last; linear 4->1 >');
    expect(net.nodes.map((n) => n.outShape)).toEqual([[5, 2], [5, 2], [5, 4], [4], [1]]);
    expect(net.nodes[0]!.flops).toBe(5 * 2 * 3 * 2);
  });

  it('conv with a non-square window and stride, then pools with their own stride', () => {
    const net = netOf('net A < input 1x9x7; conv 1->2 3x2 stride=2; avgpool 2 stride=1; batchnorm; maxpool 2; flatten >');
    expect(net.nodes.map((n) => n.outShape)).toEqual([[2, 4, 3], [2, 3, 2], [2, 3, 2], [2, 1, 1], [2]]);
    expect(net.nodes[0]!.attrs).toEqual({ in: 1, out: 2, kernel: [3, 2], stride: 2, pad: 0, bias: true });
    expect(net.nodes[1]!.attrs).toEqual({ kernel: 2, stride: 1 });
    expect(net.nodes[2]!.attrs).toMatchObject({ features: 2, dims: 2 });
  });

  it('bias=false drops the bias parameter', () => {
    const net = netOf('net A < linear 4->3 bias=false; relu; linear 3->2 >');
    expect(net.nodes[0]!.params.map((p) => p.name)).toEqual(['layers.0.weight']);
    expect(net.paramCount).toBe(12 + 8);
  });

  it('infers the input through elementwise layers before the first linear', () => {
    expect(netOf('net A < relu; dropout 0.1; batchnorm; linear 4->3 >').inputShape).toEqual([4]);
    expect(codes('net A < flatten; linear 4->3 >')).toEqual(['DL0404']);
    expect(codes('net A < lstm 1->4; last >')).toEqual(['DL0404']);
  });

  it('offers flatten when a linear follows an image', () => {
    const [d] = compile('net A < input 3x8x8; linear 192->10 >').diagnostics;
    expect(d).toMatchObject({ code: 'DL0401', help: 'add `flatten` before it: `input 3x8x8` gives an image [3,8,8] of 192 numbers' });
    const [e] = compile('net A < input 3x8x8; linear 100->10 >').diagnostics;
    expect(e!.help).toBe('add `flatten` before it (it gives 192 features) and write `linear 192->10`');
  });

  it('gives the one-number fix for conv channels and recurrent features, keeping other arguments', () => {
    const [conv] = compile('net A < input 1x8x8; conv 3->8 3 pad=1 >').diagnostics;
    expect(conv!.help).toBe('`input 1x8x8` gives 1 channels; write `conv 1->8 3 pad=1`');
    const [lstm] = compile('net A < input 20x1; lstm 2->16 >').diagnostics;
    expect(lstm!.help).toBe('`input 20x1` gives 1 features per step; write `lstm 1->16`');
    const [bias] = compile('net A < linear 4->8; relu; linear 6->3 bias=false >').diagnostics;
    expect(bias!.help).toBe('`relu` gives 8 features; write `linear 8->3 bias=false`');
  });

  it('reports a shape error once, not again for every later layer', () => {
    expect(codes('net A < linear 4->8; relu; linear 6->3; relu; linear 9->1 >')).toEqual(['DL0401']);
  });

  it('wrong ranks: conv after flatten, last without a sequence, batchnorm on a sequence', () => {
    expect(codes('net A < input 1x8x8; flatten; conv 1->2 3 >')).toEqual(['DL0402']);
    expect(codes('net A < linear 4->3; last >')).toEqual(['DL0402']);
    expect(codes('net A < input 5x2; batchnorm >')).toEqual(['DL0402']);
  });
});

describe('names, arguments and values', () => {
  it('suggests the closest name, including a swap of two letters', () => {
    expect(suggest('rleu', Object.keys(LAYERS))).toBe('relu');
    expect(suggest('lnear', Object.keys(LAYERS))).toBe('linear');
    expect(suggest('Linear', Object.keys(LAYERS))).toBe('linear');
    expect(suggest('zzzzzz', Object.keys(LAYERS))).toBeUndefined();
  });

  it('names from Object.prototype are unknown, never found', () => {
    expect(codes('net A < constructor; linear 4->3 toString=1 >')).toEqual(['DL0201', 'DL0206']);
    expect(codes('net A < linear 4->3 > train A on __proto__ < hasOwnProperty 1; loss toString >')).toEqual(['DL0205', 'DL0202', 'DL0203']);
  });

  it('checks every value range', () => {
    expect(codes('net A < linear 4->3; dropout 1 >')).toEqual(['DL0304']);
    expect(codes('net A < linear 0->3 >')).toEqual(['DL0304']);
    expect(codes('net A < input 0x3; linear 3->1 >')).toEqual(['DL0304']);
    expect(codes('net A < input 1x4x4; conv 1->2 3 stride=0 >')).toEqual(['DL0304']);
    expect(codes('net A < linear 4->3 > train A on iris < split 1; seed -1; batch 0; epochs 0 >')).toEqual(['DL0304', 'DL0304', 'DL0304', 'DL0304']);
    expect(codes('net A < linear 4->3 > train A on iris < optimizer adam beta1=1 eps=0 >')).toEqual(['DL0304', 'DL0304']);
    expect(codes('net A < linear 2->1 > train A on xor n=0 noise=-1 < >')).toEqual(['DL0304', 'DL0304']);
    expect(codes('net A < linear 4->3 > train A on iris < optimizer sgd lr=1e999 >')).toEqual(['DL0305']);
    expect(codes('net A < linear 4->3 bias=yes >')).toEqual(['DL0303']);
  });

  it('an optimizer option belongs to its optimizer', () => {
    const [d] = compile('net A < linear 4->3 > train A on iris < optimizer adam momentum=0.9 >').diagnostics;
    expect(d).toMatchObject({ code: 'DL0206', help: 'its options are `lr`, `beta1`, `beta2`, `eps`, `weight_decay`' });
  });

  it('a missing semicolon shows as an argument the layer does not take', () => {
    const [d] = compile('net A < linear 4->3 relu >').diagnostics;
    expect(d).toMatchObject({ code: 'DL0302', help: 'write `linear I->O [bias=false]`; is a `;` missing before `relu`?' });
  });

  it('common slips from other languages get a specific help', () => {
    const [eq] = compile('net A < linear 4->3 > train A on iris < epochs=5 >').diagnostics;
    expect(eq).toMatchObject({ code: 'DL0307', help: 'write `epochs 5`' });
    const [comma] = compile('net A < linear 4->3, relu >').diagnostics;
    expect(comma).toMatchObject({ code: 'DL0101', help: 'items are separated by `;`, as in `linear 4->32; relu`' });
    const [paren] = compile('net A < linear 4->3 > train A on iris < optimizer adam(lr=0.1) >').diagnostics;
    expect(paren!.help).toContain('without parentheses');
  });

  it('reports every syntax error of a file in one run', () => {
    const { diagnostics } = compile('net A < linear 4-> ; relu >\nnet B < linear 2->2 @ >\nnet C < linear 3->1\ntrain C on iris < epochs 3 >');
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['DL0103', 1], ['DL0101', 2], ['DL0103', 4]]);
  });
});

describe('limits', () => {
  it('states its bounds as diagnostics', () => {
    expect(codes('net A < linear 4->1000000 >')).toEqual([]);
    expect(codes('net A < linear 4->1000001 >')).toEqual(['DL0601']);
    expect(codes('net A < input 1000x1000x3; flatten >')).toEqual(['DL0601']);
    expect(codes('net A < linear 4->99999999999999999999 >')).toEqual(['DL0305']);
    expect(codes('net A < linear 7000->7000 >')).toEqual([]);
    expect(codes('net A < linear 7000->7000; relu; linear 7000->7000 >')).toEqual(['DL0602']);
  });

  it('checks a net of 100,000 layers without exhausting the stack', () => {
    const body = 'linear 8->8;relu;'.repeat(50_000);
    const { graph, diagnostics } = compile(`net Deep < input 8;${body} >`);
    expect(diagnostics).toEqual([]);
    expect(graph!.nets[0]!.nodes).toHaveLength(100_000);
    expect(graph!.nets[0]!.paramCount).toBe(50_000 * 72);
  });
});

describe('train blocks', () => {
  it('fills defaults by the target: bce_logits for 2 classes and output [1], mse for numbers', () => {
    const g = compile('net A < linear 2->1 > net S < linear 1->1 > net K < linear 4->3 >\ntrain A on xor < > train S on sine < > train K on iris < optimizer sgd >').graph!;
    expect(g.trains.map((t) => t.loss)).toEqual(['bce_logits', 'mse', 'cross_entropy']);
    expect(g.trains[2]!.optimizer).toEqual({ name: 'sgd', lr: 0.01, momentum: 0, weightDecay: 0, beta1: 0.9, beta2: 0.999, eps: 1e-8 });
  });

  it('delay steps set the example shape', () => {
    expect(codes('net A < input 5x1; rnn 1->4; last; linear 4->2 > train A on delay steps=5 < >')).toEqual([]);
    expect(codes('net A < input 5x1; rnn 1->4; last; linear 4->2 > train A on delay < >')).toEqual(['DL0501']);
  });

  it('a net with an error is not checked against its dataset again', () => {
    expect(codes('net A < linear 4->8; relu; linear 9->3 > train A on iris < loss bce >')).toEqual(['DL0401']);
  });

  it('a setting given twice is an error', () => {
    expect(codes('net A < linear 4->3 > train A on iris < seed 1; seed 2 >')).toEqual(['DL0209']);
  });
});

describe('csv datasets', () => {
  const files: Record<string, string> = {
    'flowers.csv': 'a,b,"petal, width",species\n1,2,3,setosa\r\n4,5,6,virginica\n7,8,9,setosa\n',
    'prices.csv': 'rooms,area,price\n3,70,210.5\n4,95,300\n',
  };
  const read = (p: string) => files[p];

  it('types a class target and a numeric target from the file', () => {
    const g = compile('net F < linear 3->2 > train F on csv file="flowers.csv" target=species < >', { readFile: read }).graph!;
    expect(g.trains[0]!.dataset).toEqual({ name: 'csv', options: { file: 'flowers.csv', target: 'species' }, exampleShape: [3], target: { kind: 'classes', classes: 2 } });
    expect(g.trains[0]!.loss).toBe('cross_entropy');
    const p = compile('net P < linear 2->1 > train P on csv file="prices.csv" < >', { readFile: read }).graph!;
    expect(p.trains[0]!.dataset.target).toEqual({ kind: 'regression', size: 1 });
    expect(p.trains[0]!.dataset.options.target).toBe('price');
    expect(p.trains[0]!.loss).toBe('mse');
  });

  it('checks the file against the net', () => {
    expect(codes('net F < linear 4->2 > train F on csv file="flowers.csv" target=species < >', read)).toEqual(['DL0501']);
    expect(codes('net F < linear 3->4 > train F on csv file="flowers.csv" target=species < >', read)).toEqual(['DL0502']);
    expect(codes('net F < linear 3->2 > train F on csv file="flowers.csv" target=specis < >', read)).toEqual(['DL0507']);
    expect(codes('net F < linear 3->2 > train F on csv file="nope.csv" < >', read)).toEqual(['DL0506']);
  });

  it('without a file reader the shape and target are unknown and not checked', () => {
    const g = compile('net F < linear 4->2 > train F on csv file="flowers.csv" target=species < loss cross_entropy >').graph!;
    expect(g.trains[0]!.dataset).toEqual({ name: 'csv', options: { file: 'flowers.csv', target: 'species' }, exampleShape: null, target: null });
  });

  it('parses quoted fields and rejects unusable tables', () => {
    expect(typeCsv('x,"a ""b"", c",t\n1,2,p\n3,4,q\n', 'f.csv', 't')).toMatchObject({ ok: true, features: ['x', 'a "b", c'], classNames: ['p', 'q'] });
    expect(typeCsv('a,b\n', 'f.csv', null)).toMatchObject({ ok: false, problem: 'bad', message: 'has a header but no rows' });
    expect(typeCsv('a,b\n1,2,3\n', 'f.csv', null)).toMatchObject({ ok: false, problem: 'bad', message: 'line 2: 3 fields, but the header has 2' });
    expect(typeCsv('a,b\n1,x\n2,x\n', 'f.csv', null)).toMatchObject({ ok: false, message: 'the target "b" has one class only ("x"); a classifier needs at least two' });
  });
});

describe('catalogues', () => {
  it('the vocabulary names every layer, dataset, loss, optimizer and setting with a doc', () => {
    const names = new Set(VOCABULARY.map((w) => w.name));
    for (const n of [...Object.keys(LAYERS), ...Object.keys(DATASETS), 'input', 'mse', 'bce', 'bce_logits', 'cross_entropy', 'sgd', 'adam', 'loss', 'optimizer', 'batch', 'epochs', 'split', 'standardize', 'seed']) {
      expect(names.has(n), n).toBe(true);
    }
    for (const w of VOCABULARY) expect(w.doc.length, w.name).toBeGreaterThan(5);
  });

  it('the datasets give their shapes and targets from their options', () => {
    expect(DATASETS.delay!.exampleShape({ steps: 7, n: 10 })).toEqual([7, 1]);
    expect(DATASETS.digits!.target({})).toEqual({ kind: 'classes', classes: 10 });
    expect(DATASETS.spiral!.options.n).toMatchObject({ default: 400 });
  });
});

describe('verify', () => {
  it('finds broken invariants', () => {
    const graph = compile('net A < linear 4->3; relu; linear 3->3 > train A on iris < >').graph!;
    expect(verify(graph)).toEqual([]);
    const broken = structuredClone(graph);
    broken.nets[0]!.nodes[1]!.inShape = [4];
    broken.nets[0]!.paramCount = 1;
    broken.trains[0]!.net = 'B';
    expect(verify(broken)).toEqual([
      'net A layers.1: input [4] is not the previous output [3]',
      'net A layers.1: relu makes [4] of [4], not [3]',
      'net A layers.1: flops 3, but relu makes 4',
      'net A: paramCount 1 but the parameters add up to 27',
      'the train block names net B, which the spec does not declare',
    ]);
  });
});

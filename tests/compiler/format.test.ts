// The formatter: canonical, idempotent, keeps comments, and never changes what a spec
// means (the formatted file compiles to the same graph, spans aside).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, format } from '../../compiler/index.ts';

const root = join(import.meta.dirname, '../..');
const specs = readdirSync(join(root, 'specs')).filter((f) => f.endsWith('.dl')).sort();
const read = (f: string) => readFileSync(join(root, 'specs', f), 'utf8');

/** The graph without source positions: what a spec means. */
function meaning(source: string): string {
  const { graph, diagnostics } = compile(source);
  return JSON.stringify({ graph, codes: diagnostics.map((d) => d.code) }, (k, v) => (k === 'span' || k === 'line' || k === 'column' || k === 'endLine' || k === 'endColumn' ? undefined : v));
}

describe('format', () => {
  it.each(specs)('%s is already in the canonical layout', (file) => {
    expect(format(read(file)).text).toBe(read(file));
  });

  it.each(specs)('%s: parse, format, parse gives the same graph', (file) => {
    const squashed = read(file).replace(/#[^\n]*/g, '').replace(/\s+/g, ' ');
    const formatted = format(squashed).text!;
    expect(formatted).not.toBeNull();
    expect(meaning(formatted)).toBe(meaning(read(file)));
    expect(format(formatted).text).toBe(formatted);
  });

  it('lays out one-line specs canonically', () => {
    const text = format('net Act < linear 5->6; gelu; linear 6->4; tanh; dropout 0.5; linear 4->3; softmax > train Act on iris <loss cross_entropy;epochs 3>').text;
    expect(text).toBe(`net Act <
  linear 5->6; gelu;
  linear 6->4; tanh;
  dropout 0.5;
  linear 4->3; softmax
>

train Act on iris <
  loss cross_entropy;
  epochs 3
>
`);
  });

  it('keeps every comment, trailing ones at the end of their line', () => {
    const source = `#!header
net A <   # after open
  linear 4->32 ; relu;   # trailing

  # own line
  linear 32->3
> # after close
# in train header moves above it
train A on iris #here
< epochs 2 >
# last`;
    const text = format(source).text!;
    expect(text).toBe(`#!header
net A <  # after open
  linear 4->32; relu;  # trailing

  # own line
  linear 32->3
>  # after close

# in train header moves above it
#here
train A on iris <
  epochs 2
>

# last
`);
    expect(format(text).text).toBe(text);
    expect(meaning(text)).toBe(meaning(source));
  });

  it('returns null and the syntax errors for a file that does not parse', () => {
    const { text, diagnostics } = format('net A < linear 4-> >');
    expect(text).toBeNull();
    expect(diagnostics.map((d) => d.code)).toEqual(['DL0103']);
  });
});

// Random specs built from the grammar: layers, settings and comments in random layouts.
const layer = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 64 })).map(([i, o]) => `linear ${i}->${o}`),
  fc.constantFrom('relu', 'tanh', 'sigmoid', 'gelu', 'softmax', 'batchnorm', 'flatten', 'last', 'dropout 0.25', 'maxpool 2', 'conv 1->4 3 pad=1', 'lstm 2->3', 'rlu', 'input 4', 'input 1x8x8'),
);
const setting = fc.constantFrom('loss=mse', 'loss mse', 'loss cross_entropy', 'optimizer sgd lr=0.1 momentum=0.9', 'optimizer adam lr=1e-3', 'batch full', 'batch 8', 'epochs 5', 'split 0', 'standardize', 'seed 7');
const space = fc.constantFrom(' ', '  ', '\n', '\n\n', ' # note\n', '\n# own\n', '\t');
const items = (item: fc.Arbitrary<string>) =>
  fc.array(fc.tuple(item, space, space), { maxLength: 8 }).map((xs) => xs.map(([it, a, b]) => `${a}${it}${b}`).join(';'));
const decl = fc.oneof(
  fc.tuple(fc.constantFrom('A', 'B'), items(layer), space).map(([n, body, s]) => `net ${n}${s}<${body}>`),
  fc.tuple(fc.constantFrom('A', 'B'), fc.constantFrom('iris', 'xor n=10', 'sine', 'spiral noise=0.1', 'csv file="d \\"1\\".csv" target=y'), items(setting)).map(([n, d, body]) => `train ${n} on ${d} <${body}>`),
);
const spec = fc.array(fc.tuple(decl, space), { maxLength: 4 }).map((ds) => ds.map(([d, s]) => d + s).join(''));

describe('format properties (fast-check)', () => {
  it('a formatted spec means the same, and formatting it again changes nothing', () => {
    fc.assert(
      fc.property(spec, (source) => {
        const once = format(source).text;
        expect(once).not.toBeNull();
        expect(format(once!).text).toBe(once);
        expect(meaning(once!)).toBe(meaning(source));
        // Every comment survives.
        const comments = (s: string) => (s.match(/#[^\n]*/g) ?? []).map((c) => c.trimEnd()).sort();
        expect(comments(once!)).toEqual(comments(source));
      }),
      { numRuns: 300 },
    );
  });
});

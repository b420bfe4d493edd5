// compile() never throws, whatever it is given: random text, random bytes, and example
// specs with random damage. Every diagnostic's span lies inside the file, and each run is
// quick.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, format } from '../../compiler/index.ts';
import type { Diagnostic } from '../../compiler/index.ts';

const root = join(import.meta.dirname, '../..');
const examples = readdirSync(join(root, 'specs')).filter((f) => f.endsWith('.dl')).map((f) => readFileSync(join(root, 'specs', f), 'utf8'));

function expectSpansInside(source: string, diagnostics: Diagnostic[]): void {
  const lines = source.split(/\r\n?|\n/);
  for (const d of diagnostics) {
    expect(d.code).toMatch(/^DL\d{4}$/);
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.line).toBeLessThanOrEqual(lines.length);
    expect(d.endLine).toBeGreaterThanOrEqual(d.line);
    expect(d.endLine).toBeLessThanOrEqual(lines.length);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeLessThanOrEqual(lines[d.line - 1]!.length + 1);
    expect(d.endColumn).toBeLessThanOrEqual(lines[d.endLine - 1]!.length + 1);
    if (d.endLine === d.line) expect(d.endColumn).toBeGreaterThanOrEqual(d.column);
  }
}

function run(source: string): void {
  // CPU time, not wall time: the test machine is shared.
  const started = process.cpuUsage();
  const { graph, diagnostics } = compile(source);
  const used = process.cpuUsage(started);
  expect((used.user + used.system) / 1000).toBeLessThan(250);
  expect(graph === null).toBe(diagnostics.some((d) => d.severity === 'error'));
  expectSpansInside(source, diagnostics);
  const formatted = format(source);
  // The formatter needs a file that decodes and parses: no DL00xx, DL01xx or DL0603.
  expect(formatted.text === null).toBe(diagnostics.some((d) => /^DL0[01]/.test(d.code) || d.code === 'DL0603'));
}

const tokens = fc.constantFrom(
  'net', 'train', 'on', '<', '>', ';', '->', '=', ' ', '\n', '\r', '\t', '#', '"', '"x"', '\\',
  'linear', 'conv', 'relu', 'lstm', 'last', 'flatten', 'maxpool', 'batchnorm', 'dropout', 'input', 'softmax',
  'iris', 'digits', 'xor', 'sine', 'delay', 'csv', 'file', 'loss', 'optimizer', 'adam', 'sgd', 'lr', 'epochs',
  'batch', 'full', 'split', 'seed', 'standardize', 'bias', 'false', 'pad', 'stride', 'cross_entropy', 'bce', 'mse',
  'constructor', '__proto__', 'toString', 'hasOwnProperty',
  '0', '1', '4', '-1', '32', '1.5', '1e-3', '1e999', '99999999999999999999', '1x8x8', '3x3', '0x0', '20x1', 'A', 'B', '@', 'é', '\u0000',
);
const tokenSoup = fc.array(tokens, { maxLength: 80 }).map((t) => t.join(' '));

const mutation = fc.tuple(fc.nat(), fc.nat({ max: 12 }), fc.constantFrom('delete', 'insert', 'duplicate', 'swap'), fc.string({ maxLength: 6 }));
function mutate(source: string, [at, length, kind, text]: [number, number, string, string]): string {
  const i = at % (source.length + 1);
  switch (kind) {
    case 'delete': return source.slice(0, i) + source.slice(i + length);
    case 'insert': return source.slice(0, i) + text + source.slice(i);
    case 'duplicate': return source.slice(0, i + length) + source.slice(i, i + length) + source.slice(i + length);
    default: return source.slice(i, i + length) + source.slice(0, i) + source.slice(i + length);
  }
}

describe('robustness (fast-check)', () => {
  it('random text never throws', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => run(s)), { numRuns: 300 });
  });

  it('random token sequences never throw', () => {
    fc.assert(fc.property(tokenSoup, (s) => run(s)), { numRuns: 500 });
  });

  it('damaged example specs never throw', () => {
    fc.assert(
      fc.property(fc.constantFrom(...examples), fc.array(mutation, { minLength: 1, maxLength: 5 }), (source, mutations) => {
        run(mutations.reduce(mutate, source));
      }),
      { numRuns: 500 },
    );
  });

  it('random bytes never throw and are errors unless they are text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const { graph, diagnostics } = compile(bytes);
        expect(graph === null).toBe(diagnostics.some((d) => d.severity === 'error'));
      }),
      { numRuns: 300 },
    );
  });
});

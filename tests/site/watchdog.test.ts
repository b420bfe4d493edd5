// How long the island lets its training worker stay silent: the floor for small nets, and
// more, in proportion, for nets whose single steps block the worker for long (big batches,
// convolutions) and for slower backends.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { compile } from '../../compiler/index.ts';
import type { TypedGraph } from '../../compiler/graph/types.ts';
import { MIN_SILENCE_MS, silenceAllowedMs } from '../../site/islands/spec/watchdog.ts';

function graph(src: string): TypedGraph {
  const { graph: g, diagnostics } = compile(src);
  if (!g) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return g;
}

function allowed(src: string, backend: 'cpu' | 'wasm' | 'webgl' | 'auto'): number {
  const g = graph(src);
  return silenceAllowedMs(g.nets[0], g.trains[0], backend);
}

const wide = (batch: string) => `net Wide < linear 4->2048; relu; linear 2048->2048; relu; linear 2048->3 >
train Wide on iris < loss cross_entropy; batch ${batch}; epochs 5 >`;

describe('the silence allowed to a training worker', () => {
  test('small nets get the floor on every backend', () => {
    const iris = readFileSync(new URL('../../specs/iris.dl', import.meta.url), 'utf8');
    for (const backend of ['cpu', 'wasm', 'webgl', 'auto'] as const) expect(allowed(iris, backend)).toBe(MIN_SILENCE_MS);
  });

  test('grows with the work of one step, and is longest on plain JavaScript', () => {
    const small = allowed(wide('16'), 'wasm');
    const big = allowed(wide('1024'), 'wasm');
    expect(small).toBeGreaterThan(MIN_SILENCE_MS);
    expect(big).toBeGreaterThan(small);
    expect(allowed(wide('1024'), 'cpu')).toBeGreaterThan(big);
  });
});

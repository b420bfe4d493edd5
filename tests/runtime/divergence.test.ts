// The divergence rule (runtime/divergence.ts): an exploding loss counts, not only a
// non-finite one; shipped specs do not trip it (all of seeds 0-19 by
// tools/divergence-seeds.ts, noted in docs/language.md; two seeds here).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import type { TypedGraph } from '../../compiler/graph/types.ts';
import { divergenceAdvice, EXPLOSION_FACTOR, explodes } from '../../compiler/runtime/divergence.ts';
import { train } from '../../compiler/runtime/train.ts';

const root = join(import.meta.dirname, '../..');
const spec = (name: string) => compile(readFileSync(join(root, 'specs', name), 'utf8'), { file: name }).graph as TypedGraph;

describe('divergence', () => {
  it('explodes past EXPLOSION_FACTOR times the starting loss, never against a zero start', () => {
    expect(EXPLOSION_FACTOR).toBe(1000);
    expect(explodes(1100.1, 1.1)).toBe(true);
    expect(explodes(1099, 1.1)).toBe(false);
    expect(explodes(1e9, 0)).toBe(false);
  });

  it('suggests a tenth of the learning rate as a learner would write it', () => {
    const block = (lr: number) => ({ ...spec('iris.dl').trains[0], optimizer: { ...spec('iris.dl').trains[0].optimizer, lr } });
    const suggested = (lr: number) => /lr=([^)]+)\)/.exec(divergenceAdvice(block(lr)))![1];
    // Divided in binary floats these print as 0.06999999999999999, 0.007000000000000001, 1.0000000000000001e+29.
    expect([0.7, 0.07, 1e30, 0.001, 1e6, 3e-4].map(suggested)).toEqual(['0.07', '0.007', '1e+29', '0.0001', '100000', '0.00003']);
  });

  it('adam lr=1e6, batch 16 on iris diverges (DL0831) with what to try; the lesson spec does not, seeds 0 and 1', async () => {
    const iris = spec('iris.dl');
    const src = readFileSync(join(root, 'specs/iris.dl'), 'utf8').replace('optimizer adam lr=0.001', 'optimizer adam lr=1e6').replace('batch full', 'batch 16');
    const wild = compile(src).graph as TypedGraph;
    const r = await train(wild, { backend: 'cpu', epochs: 20 });
    expect(r.stopped).toBe('diverged');
    expect(r.code).toBe('DL0831');
    expect(r.message).toMatch(/over 1000 times its starting value .* Try a lower learning rate \(lr=100000\)/);
    for (const seed of [0, 1]) expect((await train(iris, { backend: 'cpu', seed })).stopped).toBe('done');
  });
});

/** The generators against raw draws of PyTorch 1.13 and NumPy (reference/rng.json, from generate.py). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initialState } from '../../compiler/runtime/init.ts';
import {
  Mt19937, numpyPermutation, torchEpochOrder, torchUniform, torchUniformDouble,
} from '../../compiler/runtime/rng.ts';
import { netOf } from './helpers.ts';

const REF = JSON.parse(readFileSync(join(import.meta.dirname, 'reference', 'rng.json'), 'utf8'));

describe('PyTorch and NumPy generators', () => {
  it('MT19937 gives the reference sequence for seed 5489', () => {
    const g = new Mt19937(5489);
    // The first outputs of the reference implementation (mt19937ar.c, init_genrand(5489)).
    expect([g.nextUint32(), g.nextUint32(), g.nextUint32()]).toEqual([3499211612, 581869302, 3890346734]);
  });

  it('uniform_ matches torch bit for bit', () => {
    const { seed, bound, data } = REF.uniform;
    expect(Array.from(torchUniform(new Mt19937(seed), data.length, -bound, bound))).toEqual(data);
  });

  it('DataLoader(shuffle=True) orders match epoch after epoch', () => {
    const { seed, n, epochs } = REF.loader;
    const g = new Mt19937(seed);
    for (const want of epochs) expect(Array.from(torchEpochOrder(n, g))).toEqual(want);
  });

  it("RandomState(seed).permutation matches NumPy's legacy generator", () => {
    for (const { seed, n, data } of REF.permutation) expect(Array.from(numpyPermutation(n, seed))).toEqual(data);
  });

  it('dropout masks match nn.Dropout', () => {
    const { seed, p, data } = REF.dropout;
    const g = new Mt19937(seed);
    const scale = Math.fround(1 / Math.fround(1 - p));
    expect(data.map(() => (torchUniformDouble(g) < 1 - p ? scale : 0))).toEqual(data);
  });

  it('initialState is the state_dict torch.manual_seed gives every module kind', () => {
    for (const { seed, spec, state } of REF.init) {
      const got = initialState(netOf(spec), seed);
      expect(Object.keys(got)).toEqual(Object.keys(state));
      for (const [name, t] of Object.entries(state) as Array<[string, { shape: number[]; data: number[] }]>) {
        expect(got[name].shape, name).toEqual(t.shape);
        expect(Array.from(got[name].data), name).toEqual(t.data);
      }
    }
  });
});

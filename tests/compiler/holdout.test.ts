// The validation split and early stopping in the checker: what the graph holds, and the
// combinations that make no sense (the golden files show one of each; these cover the rest).
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import { verify } from '../../compiler/graph/verify.ts';
import { holdoutCounts } from '../../compiler/check/check-holdout.ts';

const NET = 'net A < linear 2->2 >\n';

function check(settings: string, dataset = 'xor') {
  const { graph, diagnostics } = compile(`${NET}train A on ${dataset} < ${settings} >`);
  return { graph, diagnostics, codes: diagnostics.map((d) => d.code) };
}

describe('validate and stop_after', () => {
  it('are in the graph when written, and absent (not 0) when not, so older graphs are unchanged', () => {
    const { graph, codes } = check('split 0.2; validate 0.25; epochs 50; stop_after 5');
    expect(codes).toEqual([]);
    expect(graph!.trains[0]).toMatchObject({ split: 0.2, validate: 0.25, stopAfter: 5 });
    expect(verify(graph!)).toEqual([]);
    const plain = check('epochs 50').graph!.trains[0]!;
    expect('validate' in plain || 'stopAfter' in plain).toBe(false);
    expect('validate' in check('validate 0').graph!.trains[0]!).toBe(false);
  });

  it('counts rows as the runtime draws them: ceil of each fraction of all examples', () => {
    expect(holdoutCounts(150, 0.2, 0.2)).toEqual({ test: 30, validation: 30, train: 90 });
    expect(holdoutCounts(10, 0.15, 0.15)).toEqual({ test: 2, validation: 2, train: 6 });
    expect(holdoutCounts(400, 0, 0.1)).toEqual({ test: 0, validation: 40, train: 360 });
  });

  it('rejects splits that leave no training rows, by fraction or by the rounded counts', () => {
    expect(check('split 0.6; validate 0.4').codes).toEqual(['DL0530']);
    expect(check('split 0; validate 0.99').codes).toEqual([]);
    // 3 examples: ceil(0.34 * 3) = 2 test rows and 2 validation rows.
    const small = check('split 0.34; validate 0.34', 'xor n=3');
    expect(small.codes).toEqual(['DL0530']);
    expect(small.diagnostics[0]!.message).toContain('hold out 2 + 2 of the 3 examples of `xor`');
    expect(small.graph).toBeNull();
  });

  it('rejects stop_after with no validation split, also with validate 0', () => {
    expect(check('epochs 50; stop_after 5').codes).toEqual(['DL0531']);
    const zero = check('validate 0; epochs 50; stop_after 5');
    expect(zero.codes).toEqual(['DL0531']);
    expect(zero.diagnostics[0]!.message).toContain('`validate 0`');
  });

  it('warns when stop_after can never stop early, and still compiles', () => {
    const { graph, codes } = check('validate 0.2; epochs 5; stop_after 5');
    expect(codes).toEqual(['DL0532']);
    expect(graph!.trains[0]!.stopAfter).toBe(5);
  });

  it('checks the values: fractions below 1, whole epochs from 1', () => {
    expect(check('validate 1').codes).toEqual(['DL0304']);
    expect(check('validate -0.1').codes.length).toBeGreaterThan(0);
    expect(check('validate 0.2; stop_after 0').codes).toEqual(['DL0304']);
    expect(check('validate 0.2; stop_after 2.5').codes.length).toBeGreaterThan(0);
    expect(check('validate 0.2; validate 0.3').codes).toEqual(['DL0209']); // given twice
  });
});

import { describe, expect, it } from 'vitest';
import { DatasetError, featureRows } from '../../compiler/runtime/datasets/index.ts';

describe('featureRows (inputs to predict)', () => {
  it('reads rows of numbers', () => {
    const { x, n } = featureRows('1,2,3\n\n4, 5 ,6\n', { file: 'in.csv', width: 3 });
    expect(n).toBe(2);
    expect(Array.from(x)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('takes the features by name from a header, ignoring other columns', () => {
    const text = 'b,kind,a\n2,rose,1\n4,tulip,3\n';
    const { x } = featureRows(text, { file: 'in.csv', width: 2, featureNames: ['a', 'b'] });
    expect(Array.from(x)).toEqual([1, 2, 3, 4]);
  });

  it('accepts a header of the right width without names', () => {
    expect(Array.from(featureRows('p,q\n1,2\n', { file: 'in.csv', width: 2 }).x)).toEqual([1, 2]);
  });

  it.each([
    ['1,2\n3\n', /^in\.csv line 2: 1 values, but the net takes 2$/, 2],
    ['1,2\n3,x\n', /^in\.csv line 2: value 2 is "x", not a number$/, 2],
    ['a,b,c\n1,2,3\n', /^in\.csv line 1: the header has 3 columns; it should name the features u, v, or 2 columns$/, 1],
    ['u,v\n', /^in\.csv has no rows of inputs$/, undefined],
  ])('a bad input %j is a DatasetError naming the line', (text, message, line) => {
    let error: unknown;
    try {
      featureRows(text, { file: 'in.csv', width: 2, featureNames: ['u', 'v'] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).message).toMatch(message);
    expect((error as DatasetError).line).toBe(line);
  });
});

// The decision boundary's grid, one function for the spec's live view and the lessons':
// cell centres row by row from the top, over bounds padded by a tenth of the data's span.
import { describe, expect, it } from 'vitest';
import { boundaryGridInputs, paddedBounds } from '../../site/islands/plots/boundary-grid.ts';

describe('the boundary grid', () => {
  it('puts cell centres row by row from the top (yMax) down', () => {
    expect([...boundaryGridInputs([0, 2, 0, 2], 2)]).toEqual([0.5, 1.5, 1.5, 1.5, 0.5, 0.5, 1.5, 0.5]);
    const big = boundaryGridInputs([-1.3, 1.3, -1.3, 1.3], 40);
    expect(big.length).toBe(40 * 40 * 2);
    expect(big[0]).toBeCloseTo(-1.3 + 1.3 / 40, 6);
    expect(big[1]).toBeCloseTo(1.3 - 1.3 / 40, 6);
  });

  it('pads the points\' bounds by a tenth of each span, and by 1 where a span is empty', () => {
    expect(paddedBounds([0, 0, 10, 20], 2)).toEqual([-1, 11, -2, 22]);
    expect(paddedBounds([3, 5, 3, 5], 2)).toEqual([2, 4, 4, 6]);
  });
});

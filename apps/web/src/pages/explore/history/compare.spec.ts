import { describe, expect, it } from 'vitest';
import { bestIndexes, normaliseTo100, parseIds } from './compare';

describe('compare helpers', () => {
  it('finds the best value per direction and ignores unknown values', () => {
    expect(bestIndexes([1, 3, 2], 'higher')).toEqual([1]);
    expect(bestIndexes([1, 3, 2], 'lower')).toEqual([0]);
    expect(bestIndexes([-20, -5, null], 'higher')).toEqual([1]);
    expect(bestIndexes([5, 5], 'higher')).toEqual([]);
    expect(bestIndexes([5, null], 'higher')).toEqual([]);
    expect(bestIndexes([1, 2], null)).toEqual([]);
  });

  it('rebases an equity series to 100 at its start, on days since the start', () => {
    const day = 86_400_000;
    expect(normaliseTo100([5 * day, 6 * day, 8 * day], [200, 250, 180])).toEqual([
      { x: 0, y: 100 },
      { x: 1, y: 125 },
      { x: 3, y: 90 },
    ]);
    expect(normaliseTo100([1], [0])).toEqual([]);
  });

  it('parses ?ids= without blanks or repeats', () => {
    expect(parseIds('a, b,,a,c')).toEqual(['a', 'b', 'c']);
    expect(parseIds(null)).toEqual([]);
  });
});

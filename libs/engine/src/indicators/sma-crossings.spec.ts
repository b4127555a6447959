import fc from 'fast-check';
import { crossovers } from '../strategy';
import { smaCrossings } from './sma-crossings';
import { sma } from './sma';
import { IndicatorCache } from './index';
import { randomWalk } from '../__fixtures__/series';

/** The definition: crossings of the two stored averages. */
function expectedCrossings(values: Float64Array, p1: number, p2: number) {
  return crossovers(sma(values, p1), sma(values, p2));
}

describe('smaCrossings (one pass, no stored lines)', () => {
  it('finds exactly the crossings of the two stored averages', () => {
    // Few price levels make plateaus (the averages repeat the value) and ties between the lines.
    const level = fc.constantFrom(1, 1.1, 1.2, 0.1 + 0.2, 0.3, 100, 100.00000000000001);
    fc.assert(
      fc.property(
        fc.array(level, { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 2, max: 40 }),
        fc.integer({ min: 2, max: 40 }),
        (values, p1, p2) => {
          fc.pre(p1 !== p2);
          const series = Float64Array.from(values);
          expect(smaCrossings(series, p1, p2)).toEqual(expectedCrossings(series, p1, p2));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('on a long random walk, both orders of the periods', () => {
    const close = randomWalk(50_000, 5).close;
    for (const [p1, p2] of [
      [10, 30],
      [30, 10],
      [2, 3],
      [7, 200],
    ]) {
      const got = smaCrossings(close, p1, p2);
      const want = expectedCrossings(close, p1, p2);
      expect(got?.events.length).toBeGreaterThan(0);
      expect(Array.from(got?.events ?? [])).toEqual(Array.from(want.events));
      // Buffer comparison: toEqual on 50 000-element typed arrays takes seconds.
      expect(Buffer.compare(Buffer.from(got?.up ?? []), Buffer.from(want.up))).toBe(0);
      expect(Buffer.compare(Buffer.from(got?.down ?? []), Buffer.from(want.down))).toBe(0);
    }
  });

  it('declines what the positive-input path of smaPair does not cover', () => {
    const close = Float64Array.from([1, 2, 3, 4, 5]);
    expect(smaCrossings(close, 1, 3)).toBeNull();
    expect(smaCrossings(close, 3, 3)).toBeNull();
    expect(smaCrossings(Float64Array.from([1, 2, 0, 4, 5]), 2, 3)).toBeNull();
    expect(smaCrossings(new Float64Array(0), 2, 3)).toBeNull();
  });
});

describe('IndicatorCache.smaCrossings', () => {
  const series = randomWalk(2000, 9);

  it('stores no lines for a single run, and says where they start', () => {
    const cache = new IndicatorCache(series);
    const got = cache.smaCrossings(10, 30);
    expect(got.lines).toEqual([]);
    expect(got.starts).toEqual([9, 29]);
    expect(cache.computations).toBe(0);
  });

  it('keeps and reuses the lines for a sweep, with the same crossings', () => {
    const cache = new IndicatorCache(series, { keepLines: true });
    const a = cache.smaCrossings(10, 30);
    const single = new IndicatorCache(series).smaCrossings(10, 30);
    expect({ up: a.up, down: a.down, events: a.events }).toEqual({
      up: single.up,
      down: single.down,
      events: single.events,
    });
    const b = cache.smaCrossings(10, 40);
    expect(a.lines).toHaveLength(2);
    expect(b.lines[0]).toBe(a.lines[0]);
    expect(cache.computations).toBe(3);
    // One combination at a time: the next call reuses the crossing buffer, marks cleared.
    expect(b.up.buffer).toBe(a.up.buffer);
    expect(b).toMatchObject(expectedCrossings(series.close, 10, 40));
  });
});

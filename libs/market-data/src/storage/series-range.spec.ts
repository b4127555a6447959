import { emptySeries } from '../import/ohlcv-series';
import { lowerBound, sliceSeriesByTime, timeRangeIndexes, upperBound } from './series-range';

const times = new Float64Array([10, 20, 30, 40, 50]);

describe('series ranges', () => {
  it('finds bounds by binary search', () => {
    expect([lowerBound(times, 5), lowerBound(times, 20), lowerBound(times, 25), lowerBound(times, 60)]).toEqual([0, 1, 2, 5]);
    expect([upperBound(times, 5), upperBound(times, 20), upperBound(times, 50)]).toEqual([0, 2, 5]);
  });

  it('both bounds are inclusive; missing bounds are open', () => {
    expect(timeRangeIndexes(times, 20, 40)).toEqual({ start: 1, end: 4 });
    expect(timeRangeIndexes(times, undefined, 30)).toEqual({ start: 0, end: 3 });
    expect(timeRangeIndexes(times, 35)).toEqual({ start: 3, end: 5 });
  });

  it('an inverted or empty range yields no bars', () => {
    expect(timeRangeIndexes(times, 40, 20)).toEqual({ start: 3, end: 3 });
    expect(timeRangeIndexes(times, 41, 49)).toEqual({ start: 4, end: 4 });
  });

  it('slices are views of the same memory, not copies', () => {
    const s = emptySeries(5);
    s.time.set(times);
    s.close.set([1, 2, 3, 4, 5]);
    const slice = sliceSeriesByTime(s, 20, 40);
    expect(Array.from(slice.close)).toEqual([2, 3, 4]);
    expect(slice.close.buffer).toBe(s.close.buffer);
    expect(sliceSeriesByTime(s)).toBe(s);
  });
});

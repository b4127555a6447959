import type { OhlcvSeries } from '../import/ohlcv-series';

/** First index whose time is >= `time` (`times.length` when none). Times must be ascending. */
export function lowerBound(times: Float64Array, time: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose time is > `time`. */
export function upperBound(times: Float64Array, time: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index range [start, end) of the bars with from <= time <= to (either bound optional, inclusive). */
export function timeRangeIndexes(times: Float64Array, from?: number, to?: number): { start: number; end: number } {
  const start = from === undefined ? 0 : lowerBound(times, from);
  const end = to === undefined ? times.length : upperBound(times, to);
  return { start, end: Math.max(start, end) };
}

/** Views (subarrays, no copies) of the bars between `start` and `end` indexes. */
export function sliceSeries(series: OhlcvSeries, start: number, end: number): OhlcvSeries {
  if (start === 0 && end === series.time.length) return series;
  return {
    time: series.time.subarray(start, end),
    open: series.open.subarray(start, end),
    high: series.high.subarray(start, end),
    low: series.low.subarray(start, end),
    close: series.close.subarray(start, end),
    volume: series.volume.subarray(start, end),
  };
}

/** Views of the bars with from <= time <= to, found by binary search on the time column. */
export function sliceSeriesByTime(series: OhlcvSeries, from?: number, to?: number): OhlcvSeries {
  const { start, end } = timeRangeIndexes(series.time, from, to);
  return sliceSeries(series, start, end);
}

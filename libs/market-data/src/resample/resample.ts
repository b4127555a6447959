import { floorMod } from '../import/hot-path-math';
import type { OhlcvSeries } from '../import/ohlcv-series';
import { detectTimeframe, SUPPORTED_TIMEFRAMES, timeframeToMs, type Timeframe } from '../import/timeframe';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
// 1970-01-01 was a Thursday; weekly buckets start on Monday 00:00 UTC (ISO weeks), four days later.
const WEEK_ORIGIN_MS = 4 * DAY_MS;

export type ResampleErrorCode =
  'FINER_TARGET' | 'NOT_A_MULTIPLE' | 'UNKNOWN_SOURCE_TIMEFRAME' | 'UNSORTED_INPUT';

export class ResampleError extends Error {
  constructor(
    readonly code: ResampleErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ResampleError';
  }
}

export interface ResampleOptions {
  /** Timeframe of the input bars; detected from the median gap when omitted. */
  sourceTimeframe?: string;
}

/** Start of the UTC bucket containing `time`: an epoch multiple of the timeframe, Monday-aligned for weeks. */
export function bucketStart(time: number, timeframeMs: number): number {
  const origin = timeframeMs % WEEK_MS === 0 ? WEEK_ORIGIN_MS : 0;
  return time - floorMod(time - origin, timeframeMs);
}

/**
 * Aggregates bars into a coarser timeframe: open = first open, high = max, low = min, close = last close,
 * volume = sum. Buckets are UTC-aligned (`1d` = UTC day, `1w` = ISO week from Monday) and labelled by
 * their start; a bucket exists only where there is at least one source bar, and the first and last
 * buckets may be partial.
 */
export function resample(
  series: OhlcvSeries,
  targetTimeframe: string,
  options: ResampleOptions = {},
): OhlcvSeries {
  const targetMs = timeframeToMs(targetTimeframe);
  const { time } = series;
  const n = time.length;

  for (let i = 1; i < n; i++) {
    if (!(time[i] > time[i - 1])) {
      throw new ResampleError('UNSORTED_INPUT', `bar times must be strictly ascending (index ${i})`);
    }
  }

  const source = options.sourceTimeframe ?? detectTimeframe(time) ?? undefined;
  if (source !== undefined) {
    const sourceMs = timeframeToMs(source);
    if (targetMs < sourceMs) {
      throw new ResampleError(
        'FINER_TARGET',
        `cannot resample ${source} bars to the finer timeframe ${targetTimeframe}`,
      );
    }
    if (targetMs % sourceMs !== 0) {
      throw new ResampleError(
        'NOT_A_MULTIPLE',
        `${targetTimeframe} is not a whole multiple of ${source}; source bars would straddle ${targetTimeframe} buckets`,
      );
    }
    if (targetMs === sourceMs) return copySeries(series, n);
  } else if (n > 1) {
    throw new ResampleError(
      'UNKNOWN_SOURCE_TIMEFRAME',
      'cannot tell the timeframe of the input bars from their spacing; pass options.sourceTimeframe',
    );
  }

  const out: OhlcvSeries = {
    time: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  let k = -1;
  let current = NaN;
  for (let i = 0; i < n; i++) {
    const start = bucketStart(time[i], targetMs);
    if (start !== current) {
      current = start;
      k++;
      out.time[k] = start;
      out.open[k] = series.open[i];
      out.high[k] = series.high[i];
      out.low[k] = series.low[i];
      out.close[k] = series.close[i];
      out.volume[k] = series.volume[i];
    } else {
      if (series.high[i] > out.high[k]) out.high[k] = series.high[i];
      if (series.low[i] < out.low[k]) out.low[k] = series.low[i];
      out.close[k] = series.close[i];
      out.volume[k] += series.volume[i];
    }
  }
  return copySeries(out, k + 1);
}

function copySeries(series: OhlcvSeries, length: number): OhlcvSeries {
  return {
    time: series.time.slice(0, length),
    open: series.open.slice(0, length),
    high: series.high.slice(0, length),
    low: series.low.slice(0, length),
    close: series.close.slice(0, length),
    volume: series.volume.slice(0, length),
  };
}

/** The timeframes among `candidates` that `resample` accepts as targets for bars of `sourceTimeframe`. */
export function resampleTargets<T extends string = Timeframe>(
  sourceTimeframe: string,
  candidates: readonly T[] = SUPPORTED_TIMEFRAMES as readonly string[] as readonly T[],
): T[] {
  const sourceMs = timeframeToMs(sourceTimeframe);
  return candidates.filter((tf) => {
    const ms = timeframeToMs(tf);
    return ms >= sourceMs && ms % sourceMs === 0;
  });
}

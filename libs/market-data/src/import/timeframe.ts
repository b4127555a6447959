import { z } from 'zod';

export const SUPPORTED_TIMEFRAMES = ['1m', '5m', '15m', '1h', '4h', '1d', '1w'] as const;

export type Timeframe = (typeof SUPPORTED_TIMEFRAMES)[number];

export const timeframeSchema = z.enum(SUPPORTED_TIMEFRAMES);

const MINUTE_MS = 60_000;
const UNIT_MS: Record<string, number> = {
  m: MINUTE_MS,
  h: 60 * MINUTE_MS,
  d: 1440 * MINUTE_MS,
  w: 10080 * MINUTE_MS,
};

export function isSupportedTimeframe(value: unknown): value is Timeframe {
  return typeof value === 'string' && (SUPPORTED_TIMEFRAMES as readonly string[]).includes(value);
}

/**
 * Duration of a timeframe label in ms. Accepts the supported labels and any `<n><m|h|d|w>` label
 * (e.g. `30m`, `2h`), so resampling can state why an odd target is rejected instead of "unknown".
 */
export function timeframeToMs(timeframe: string): number {
  const match = /^([1-9]\d{0,5})([mhdw])$/.exec(timeframe);
  if (!match) {
    throw new RangeError(
      `Unknown timeframe "${timeframe}"; expected one of ${SUPPORTED_TIMEFRAMES.join(', ')}`,
    );
  }
  return Number(match[1]) * UNIT_MS[match[2]];
}

/** Label for a duration, largest whole unit first (`3600000` → `1h`); null when not a whole number of minutes. */
export function msToTimeframeLabel(ms: number): string | null {
  if (!Number.isFinite(ms) || ms <= 0 || ms % MINUTE_MS !== 0) return null;
  for (const unit of ['w', 'd', 'h', 'm'] as const) {
    if (ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return null;
}

/** Median of the positive gaps between consecutive times; null when there are fewer than two distinct times. */
export function medianGapMs(time: ArrayLike<number>): number | null {
  const gaps = new Float64Array(Math.max(0, time.length - 1));
  let count = 0;
  for (let i = 1; i < time.length; i++) {
    const gap = time[i] - time[i - 1];
    if (gap > 0) gaps[count++] = gap;
  }
  if (count === 0) return null;
  const sorted = gaps.subarray(0, count).sort();
  const mid = count >> 1;
  return count % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Smallest positive gap between consecutive times; null when there are fewer than two distinct times. */
export function minGapMs(time: ArrayLike<number>): number | null {
  let min = Infinity;
  for (let i = 1; i < time.length; i++) {
    const gap = time[i] - time[i - 1];
    if (gap > 0 && gap < min) min = gap;
  }
  return min === Infinity ? null : min;
}

// Daily bars stamped at local midnight drift by an hour around DST changes; a small tolerance absorbs that.
const DETECTION_TOLERANCE = 0.05;

/**
 * Timeframe whose duration matches the median gap between bars (within 5%), or null when no supported
 * timeframe fits (e.g. monthly data). Weekends and holidays do not disturb the median of daily data.
 */
export function detectTimeframe(time: ArrayLike<number>): Timeframe | null {
  const median = medianGapMs(time);
  if (median === null) return null;
  for (const timeframe of SUPPORTED_TIMEFRAMES) {
    const ms = timeframeToMs(timeframe);
    if (Math.abs(median - ms) <= ms * DETECTION_TOLERANCE) return timeframe;
  }
  return null;
}

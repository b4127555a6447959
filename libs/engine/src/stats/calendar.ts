import { ArrayCache } from '../scratch';

const DAY_MS = 86_400_000;

export type ResampleFrequency = 'day' | 'week' | 'month' | 'year';

/** Calendar facts about a bar time axis; they depend on `time` only, so they are cached per array. */
export interface Calendar {
  /** Data spacing: median gap of the last 100 bars, in whole days (floor). NaN with one bar. */
  spacingDays: number;
  /** Resolution of the median gap in ms (1 day, 1 h, 1 min, 1 s or 1 ms): durations are rounded up to it. */
  resolutionMs: number;
  periodsPerYear: number;
  frequency: ResampleFrequency;
  /** Index of the last bar of each calendar period that has bars, in order. */
  periodLastBar: Int32Array;
}

const cache = new ArrayCache<Calendar>();

export function calendarOf(time: Float64Array): Calendar {
  return cache.get(time, () => buildCalendar(time));
}

function buildCalendar(time: Float64Array): Calendar {
  const n = time.length;
  const median = medianGapMs(time);
  const spacingDays = median === median ? Math.floor(median / DAY_MS) : NaN;
  const frequency: ResampleFrequency =
    spacingDays === 7 ? 'week' : spacingDays === 31 ? 'month' : spacingDays === 365 ? 'year' : 'day';
  let periodLastBar: Int32Array;
  let weekendBars = 0;
  if (frequency === 'day') {
    // Daily and intraday bars: one pass finds the days and counts weekend bars day by day.
    // At most one period per calendar day spanned (times are increasing), and one per bar.
    const spanDays = n > 0 ? Math.floor(time[n - 1] / DAY_MS) - Math.floor(time[0] / DAY_MS) + 1 : 0;
    periodLastBar = new Int32Array(Math.min(n, spanDays));
    let days = scanDays(time, periodLastBar);
    weekendBars = scannedWeekendBars;
    if (n > 0) {
      // The last day, which no later bar closed.
      if (dayOfWeek(scannedDay) >= 5) weekendBars += n - scannedDayStart;
      periodLastBar[days++] = n - 1;
    }
    periodLastBar = periodLastBar.slice(0, days);
  } else {
    periodLastBar = lastBarsOfPeriods(time, frequency);
    for (let i = 0; i < n; i++) if (dayOfWeek(Math.floor(time[i] / DAY_MS)) >= 5) weekendBars++;
  }
  const haveWeekends = n > 0 && weekendBars / n > (2 / 7) * 0.6;
  const periodsPerYear =
    spacingDays === 7 ? 52 : spacingDays === 31 ? 12 : spacingDays === 365 ? 1 : haveWeekends ? 365 : 252;
  return { spacingDays, resolutionMs: resolutionOf(median), periodsPerYear, frequency, periodLastBar };
}

/**
 * What the last scanDays found besides its return value: weekend bars of the closed days, and the
 * day still open at the end with its first bar. Module variables: see scanPeak in drawdown.ts.
 */
let scannedWeekendBars = 0;
let scannedDay = 0;
let scannedDayStart = 0;

/**
 * Writes the last bar of each UTC day that a later bar closes to `lastBars`, returns their number,
 * and counts the bars of those days falling on a Saturday or Sunday.
 */
function scanDays(time: Float64Array, lastBars: Int32Array): number {
  const n = time.length;
  let count = 0;
  let weekend = 0;
  let day = n > 0 ? Math.floor(time[0] / DAY_MS) : 0;
  let dayStart = 0;
  for (let i = 1; i < n; i++) {
    const key = Math.floor(time[i] / DAY_MS);
    if (key !== day) {
      if (dayOfWeek(day) >= 5) weekend += i - dayStart;
      lastBars[count++] = i - 1;
      day = key;
      dayStart = i;
    }
  }
  scannedWeekendBars = weekend;
  scannedDay = day;
  scannedDayStart = dayStart;
  return count;
}

function lastBarsOfPeriods(time: Float64Array, frequency: ResampleFrequency): Int32Array {
  const n = time.length;
  const lastBars: number[] = [];
  let prevKey = NaN;
  for (let i = 0; i < n; i++) {
    const key = periodKey(time[i], frequency);
    if (key !== prevKey) {
      if (i > 0) lastBars.push(i - 1);
      prevKey = key;
    }
  }
  if (n > 0) lastBars.push(n - 1);
  return Int32Array.from(lastBars);
}

/** pandas: `Series(index[-100:]).diff().dropna().median()`, in ms. */
function medianGapMs(time: Float64Array): number {
  const n = time.length;
  const from = n > 100 ? n - 100 : 0;
  const gaps: number[] = [];
  for (let i = from + 1; i < n; i++) gaps.push(time[i] - time[i - 1]);
  if (gaps.length === 0) return NaN;
  gaps.sort((a, b) => a - b);
  const mid = gaps.length >> 1;
  return gaps.length % 2 === 1 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2;
}

/** The smallest unit in which the gap has a non-zero component (pandas `Timedelta.resolution_string`). */
function resolutionOf(gapMs: number): number {
  if (!(gapMs > 0)) return DAY_MS;
  for (const unit of [DAY_MS, 3_600_000, 60_000, 1000]) if (gapMs % unit === 0) return unit;
  return 1;
}

/** Monday = 0 … Sunday = 6 for a day number counted from 1970-01-01 (a Thursday). */
export function dayOfWeek(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/**
 * Key of the calendar period containing `ms`: the UTC day; the Monday–Sunday week (pandas 'W');
 * the month; the year. Keys only need to change where the period changes.
 */
export function periodKey(ms: number, frequency: ResampleFrequency): number {
  const day = Math.floor(ms / DAY_MS);
  switch (frequency) {
    case 'day':
      return day;
    case 'week':
      return Math.floor((day + 3) / 7);
    case 'month': {
      const { year, month } = civilFromDays(day);
      return year * 12 + month;
    }
    case 'year':
      return civilFromDays(day).year;
  }
}

/** Proleptic Gregorian year and month (1–12) of a day number (H. Hinnant's algorithm). */
export function civilFromDays(day: number): { year: number; month: number; dayOfMonth: number } {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const dayOfMonth = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, dayOfMonth };
}

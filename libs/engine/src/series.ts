import { EngineError } from './errors';
import { fingerprint } from './scratch';
import type { OhlcvSeries } from './types';

export type SeriesCheck = { ok: true } | { ok: false; index: number; message: string };

const PRICE_FIELDS = ['open', 'high', 'low', 'close'] as const;

/** Problem with one bar's prices, or null. Shared by the CSV reader (which adds line numbers). */
export function barPriceProblem(open: number, high: number, low: number, close: number): string | null {
  if (!(
    open > 0 &&
    high > 0 &&
    low > 0 &&
    close > 0 &&
    high < Infinity &&
    open < Infinity &&
    low < Infinity &&
    close < Infinity
  )) {
    const values = [open, high, low, close];
    for (let k = 0; k < 4; k++) {
      const v = values[k];
      if (!Number.isFinite(v)) return `${PRICE_FIELDS[k]} is not a finite number`;
      if (v <= 0) return `non-positive price: ${PRICE_FIELDS[k]} = ${v}`;
    }
  }
  if (high < low) return `High (${high}) < Low (${low})`;
  return null;
}

/**
 * Checks that the arrays have one length, times are finite and strictly increasing,
 * prices are finite and positive and High >= Low. Volume is not used by the engine and not checked.
 */
export function validateSeries(series: OhlcvSeries): SeriesCheck {
  const n = series.time.length;
  for (const key of ['open', 'high', 'low', 'close', 'volume'] as const) {
    if (series[key].length !== n) {
      return { ok: false, index: -1, message: `${key} has ${series[key].length} values, time has ${n}` };
    }
  }
  if (n === 0) return { ok: false, index: -1, message: 'series is empty' };
  const { time, open, high, low, close } = series;
  let prev = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = time[i];
    if (!(t > prev && t < Infinity)) {
      if (!Number.isFinite(t))
        return { ok: false, index: i, message: `bar ${i}: time is not a finite number` };
      return { ok: false, index: i, message: `bar ${i}: time is not after the previous bar` };
    }
    prev = t;
    const o = open[i];
    const h = high[i];
    const l = low[i];
    const c = close[i];
    // Fast path: all positive and finite, High >= Low (NaN fails the comparisons).
    if (!(o > 0 && l > 0 && c > 0 && h >= l && h < Infinity && o < Infinity && c < Infinity)) {
      const problem = barPriceProblem(o, h, l, c);
      if (problem !== null) return { ok: false, index: i, message: `bar ${i}: ${problem}` };
    }
  }
  return { ok: true };
}

/**
 * Throws EngineError when `validateSeries` finds a problem. A series that passed is remembered (by
 * its arrays and their fingerprints, like the engine's other per-series caches), and so are views of
 * it: arrays that cover the same bars of the same buffers (what the market-data loader hands out for
 * a date range). Running many backtests on loaded data then does not stream five arrays through
 * memory every time.
 */
export function assertValidSeries(series: OhlcvSeries): void {
  const check = validateSeriesOnce(series);
  if (!check.ok) throw new EngineError('INVALID_SERIES', check.message);
}

/** validateSeries, remembering a valid series (see assertValidSeries); a loader calls it once per load. */
export function validateSeriesOnce(series: OhlcvSeries): SeriesCheck {
  if (isKnownValid(series)) return { ok: true };
  const check = validateSeries(series);
  if (check.ok) remember(series);
  return check;
}

const SERIES_FIELDS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;
const BYTES = Float64Array.BYTES_PER_ELEMENT;
/** Validated series remembered per buffer of their close array (a handful at most). */
const MAX_PER_BUFFER = 8;

interface ValidatedSeries {
  arrays: Float64Array[];
  prints: number[];
}

const validated = new WeakMap<ArrayBufferLike, ValidatedSeries[]>();

function remember(series: OhlcvSeries): void {
  const arrays = SERIES_FIELDS.map((key) => series[key]);
  const known = validated.get(series.close.buffer) ?? [];
  const others = known.filter((k) => k.arrays.some((a, i) => a !== arrays[i]));
  others.push({ arrays, prints: arrays.map(fingerprint) });
  validated.set(series.close.buffer, others.slice(-MAX_PER_BUFFER));
}

/** True when `series` is a remembered valid series, or the same range of bars of one. */
export function isKnownValid(series: OhlcvSeries): boolean {
  const known = validated.get(series.close.buffer);
  if (known === undefined) return false;
  for (const k of known) if (coveredBy(k, series)) return true;
  return false;
}

function coveredBy(known: ValidatedSeries, series: OhlcvSeries): boolean {
  const n = series.close.length;
  let first = -1;
  for (let k = 0; k < SERIES_FIELDS.length; k++) {
    const view = series[SERIES_FIELDS[k]];
    const parent = known.arrays[k];
    if (view.buffer !== parent.buffer || view.length !== n) return false;
    const offset = view.byteOffset - parent.byteOffset;
    if (offset < 0 || offset % BYTES !== 0) return false;
    const start = offset / BYTES;
    if (k === 0) first = start;
    else if (start !== first) return false;
    if (start + n > parent.length) return false;
    // NaN !== NaN: a fingerprint that is NaN never matches, so such a series is checked again.
    if (fingerprint(parent) !== known.prints[k]) return false;
  }
  return n > 0;
}

/** Builds a series from plain row objects (handy for tests and small fixtures). */
export function seriesFromRows(
  rows: ReadonlyArray<{
    time: number;
    open: number;
    high: number;
    low: number;
    close: number;
    volume?: number;
  }>,
): OhlcvSeries {
  const n = rows.length;
  const s = emptySeries(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    s.time[i] = r.time;
    s.open[i] = r.open;
    s.high[i] = r.high;
    s.low[i] = r.low;
    s.close[i] = r.close;
    s.volume[i] = r.volume ?? 0;
  }
  return s;
}

/** A series of `bars` zeroed bars, to fill in. */
export function emptySeries(bars: number): OhlcvSeries {
  return {
    time: new Float64Array(bars),
    open: new Float64Array(bars),
    high: new Float64Array(bars),
    low: new Float64Array(bars),
    close: new Float64Array(bars),
    volume: new Float64Array(bars),
  };
}

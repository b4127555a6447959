import { seriesFromRows } from '../series';
import type { CompiledStrategy } from '../strategy';
import type { OhlcvSeries } from '../types';

export const DAY = 86_400_000;
/** 2021-01-04, a Monday. */
export const MONDAY = Date.UTC(2021, 0, 4);

/** Consecutive calendar days from `start`, one bar per [open, high, low, close]. */
export function barsFrom(
  rows: Array<[number, number, number, number]>,
  start = MONDAY,
  step = DAY,
): OhlcvSeries {
  return seriesFromRows(
    rows.map(([open, high, low, close], i) => ({ time: start + i * step, open, high, low, close })),
  );
}

/** Flat bars (open = high = low = close) from a list of prices. */
export function flatBars(prices: number[], start = MONDAY, step = DAY): OhlcvSeries {
  return barsFrom(
    prices.map((p) => [p, p, p, p]),
    start,
    step,
  );
}

/** Weekday timestamps (Mon–Fri) starting at MONDAY. */
export function weekdayTimes(count: number): number[] {
  const out: number[] = [];
  for (let day = 0; out.length < count; day++) if (day % 7 < 5) out.push(MONDAY + day * DAY);
  return out;
}

export function signals(n: number, at: number[]): Uint8Array {
  const s = new Uint8Array(n);
  for (const i of at) s[i] = 1;
  return s;
}

/** A hand-written strategy: `buy`/`sell`/`exit` list the bars whose signal fires. */
export function handStrategy(
  n: number,
  spec: {
    mode?: 'reversal' | 'stateful';
    buy?: number[];
    sell?: number[];
    exitLong?: number[];
    exitShort?: number[];
    allowShort?: boolean;
    stopLossPct?: number;
    takeProfitPct?: number;
  },
): CompiledStrategy {
  return {
    label: 'hand',
    mode: spec.mode ?? 'stateful',
    indicators: [],
    longEntry: signals(n, spec.buy ?? []),
    longExit: signals(n, spec.exitLong ?? []),
    shortEntry: signals(n, spec.sell ?? []),
    shortExit: signals(n, spec.exitShort ?? []),
    allowShort: spec.allowShort ?? (spec.sell ?? []).length > 0,
    stopLossPct: spec.stopLossPct ?? NaN,
    takeProfitPct: spec.takeProfitPct ?? NaN,
  };
}

/** Seeded random walk with consistent OHLC (for property tests). */
export function randomWalk(
  n: number,
  seed: number,
  start = MONDAY,
  step = DAY,
  volatility = 0.02,
): OhlcvSeries {
  let a = seed >>> 0;
  const rand = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rows = [];
  let price = 100;
  for (let i = 0; i < n; i++) {
    const open = price * (1 + (rand() - 0.5) * volatility * 0.3);
    const close = open * (1 + (rand() - 0.5) * volatility);
    rows.push({
      time: start + i * step,
      open,
      close,
      high: Math.max(open, close) * (1 + rand() * volatility * 0.3),
      low: Math.min(open, close) * (1 - rand() * volatility * 0.3),
    });
    price = close;
  }
  return seriesFromRows(rows);
}

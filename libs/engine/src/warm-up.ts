import { emptySeries } from './series';
import { TEMPLATE_IDS } from './templates';
import type { OhlcvSeries } from './types';

/**
 * What the engine runs once per process before its first real backtest (see `warmUpOnce` in
 * run.ts): every template and a rules strategy, on small minute and daily series.
 *
 * Why: V8 allocates a function's type-feedback store only after the function has run for a while.
 * A first call that is a million-bar loop gets it in the middle of the loop, so the code before the
 * loop never records feedback; the optimised function then throws itself away at its first line on
 * the next call, and a process could spend the rest of its life running that loop several times
 * slower (measured: the SMA crossing pass took 60–85 ms instead of 9–15 ms in 6 of 10 processes).
 * A few short runs first record feedback on every line.
 */
export const WARM_UP_STRATEGIES: readonly unknown[] = [
  ...TEMPLATE_IDS.map((template) => ({ kind: 'template', template, params: {} })),
  {
    kind: 'template',
    template: 'sma-cross',
    params: { fast: 5, slow: 20, direction: 'long-only', stopLossPct: 2, takeProfitPct: 4 },
  },
  {
    kind: 'rules',
    rules: {
      entry: {
        op: 'crossAbove',
        left: { indicator: 'sma', period: 5 },
        right: { indicator: 'sma', period: 20 },
      },
      exit: {
        op: 'crossBelow',
        left: { indicator: 'sma', period: 5 },
        right: { indicator: 'sma', period: 20 },
      },
      shortEntry: { op: 'lt', left: { indicator: 'rsi', period: 14 }, right: { const: 30 } },
      shortExit: { op: 'gt', left: { indicator: 'rsi', period: 14 }, right: { const: 50 } },
    },
  },
];

export const WARM_UP_BARS = 300;

/** A deterministic wave of `bars` bars, `stepMs` apart, with consistent OHLC. */
export function warmUpSeries(bars: number, stepMs: number): OhlcvSeries {
  const series = emptySeries(bars);
  const t0 = Date.UTC(2020, 0, 6);
  for (let i = 0; i < bars; i++) {
    const close = 100 * (1 + 0.05 * Math.sin(i / 7) + 0.03 * Math.sin(i / 2.3) + i * 1e-4);
    const open = close * (1 + 0.004 * Math.cos(i));
    series.time[i] = t0 + i * stepMs;
    series.open[i] = open;
    series.close[i] = close;
    series.high[i] = Math.max(open, close) * 1.002;
    series.low[i] = Math.min(open, close) * 0.998;
    series.volume[i] = 1000;
  }
  return series;
}

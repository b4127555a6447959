import { readFileSync } from 'fs';
import { join } from 'path';
import { parseOhlcvCsv } from '../csv';
import { runBacktest } from '../run';
import type { BacktestMetrics, OhlcvSeries } from '../types';
import { GOLDEN_CASES } from './golden-cases';

const ROOT = join(__dirname, '..', '..', '..', '..');
const loaded = new Map<string, OhlcvSeries>();
function load(file: string): OhlcvSeries {
  let series = loaded.get(file);
  if (series === undefined) {
    series = parseOhlcvCsv(readFileSync(join(ROOT, file), 'utf8'));
    loaded.set(file, series);
  }
  return series;
}

function expectClose(actual: number | null, expected: number | null, rel: number, label: string): void {
  if (expected === null) {
    expect({ [label]: actual }).toEqual({ [label]: null });
    return;
  }
  expect(actual).not.toBeNull();
  const diff = Math.abs((actual as number) - expected);
  const scale = Math.max(Math.abs(expected), 1e-12);
  if (diff / scale > rel) {
    throw new Error(`${label}: expected ${expected}, got ${String(actual)} (relative error ${diff / scale})`);
  }
}

describe('reference table of the semantics note (GOOG, SMA 10/30 long-short, cash 10 000, finalize)', () => {
  // Copied from /work/shared/notes/engine-semantics.md; must hold to a relative 1e-6.
  const table: Partial<Record<keyof BacktestMetrics, number>> = {
    equityFinal: 51422.99,
    returnPct: 414.2299,
    buyHoldReturnPct: 522.0601852,
    returnAnnPct: 21.19109925,
    volatilityAnnPct: 36.49716091,
    cagrPct: 21.16024571,
    sharpe: 0.5806232244,
    sortino: 1.085343435,
    calmar: 0.441664092,
    maxDrawdownPct: -47.98012705,
    avgDrawdownPct: -5.925851582,
    trades: 66,
    winRatePct: 46.96969697,
    bestTradePct: 53.59595229,
    worstTradePct: -18.39887354,
    avgTradePct: 2.531715975,
    profitFactor: 2.167945974,
    expectancyPct: 3.274807807,
    sqn: 1.076618736,
    exposurePct: 96.74115456,
    kelly: 0.1518705127,
    beta: 0.03803390709,
    alphaPct: 394.3739114,
  };
  const result = runBacktest(
    load('data/samples/GOOG_daily_2004-2013.csv'),
    { kind: 'template', template: 'sma-cross', params: { fast: 10, slow: 30, direction: 'long-short' } },
    { cash: 10_000, commission: 0, finalize: true },
  );

  it.each(Object.entries(table))('%s', (key, expected) => {
    expectClose(result.metrics[key as keyof BacktestMetrics], expected, 1e-6, key);
  });

  it('also matches backtesting.py for the metrics the table leaves out', () => {
    expect(result.metrics.equityPeak).toBeCloseTo(75787.44, 6);
    expect(result.metrics.maxDrawdownDurationDays).toBe(584);
    expect(result.info).toMatchObject({ bars: 2148, warmupBar: 29, startBar: 30, periodsPerYear: 252 });
  });
});

describe.each(GOLDEN_CASES)('golden: $name', (c) => {
  const result = runBacktest(
    load(c.file),
    { kind: 'template', template: c.template, params: c.params },
    c.options,
  );

  it('reproduces every metric', () => {
    for (const [key, expected] of Object.entries(c.expected)) {
      expectClose(result.metrics[key as keyof BacktestMetrics], expected as number | null, 1e-9, key);
    }
  });

  it('reproduces the first and last trade', () => {
    for (const [trade, record] of [
      [c.firstTrade, result.trades[0]],
      [c.lastTrade, result.trades[result.trades.length - 1]],
    ] as const) {
      if (trade === null) {
        expect(record).toBeUndefined();
        continue;
      }
      const [entryBar, exitBar, size, entryPrice, exitPrice, pnl, ret] = trade;
      expect(record).toMatchObject({ entryBar, exitBar });
      expectClose(record.size, size, 1e-12, 'size');
      expectClose(record.entryPrice, entryPrice, 1e-12, 'entryPrice');
      expectClose(record.exitPrice, exitPrice, 1e-12, 'exitPrice');
      expectClose(record.pnl, pnl, 1e-9, 'pnl');
      expectClose(record.returnPct, ret * 100, 1e-9, 'returnPct');
    }
  });
});

describe("backtesting.py's own documented run (GOOG, SmaCross 10/30 without finalize)", () => {
  // Figures printed in backtesting.py's Backtest.run docstring for the same data and strategy.
  it('matches the trade statistics it prints', () => {
    const { metrics } = runBacktest(
      load('data/samples/GOOG_daily_2004-2013.csv'),
      { kind: 'template', template: 'sma-cross', params: { fast: 10, slow: 30 } },
      { cash: 10_000 },
    );
    expect(metrics.trades).toBe(65);
    expect(metrics.returnPct).toBeCloseTo(419.599, 3);
    expect(metrics.winRatePct).toBeCloseTo(46.1538, 4);
    expect(metrics.avgTradePct).toBeCloseTo(2.35371, 5);
    expect(metrics.profitFactor).toBeCloseTo(2.08802, 5);
    expect(metrics.sqn).toBeCloseTo(0.916893, 6);
    expect(metrics.maxDrawdownPct).toBeCloseTo(-47.9801, 4);
  });
});

import { DAY, MONDAY, weekdayTimes } from '../__fixtures__/series';
import { seriesFromRows } from '../series';
import { emptyTradeLog, type TradeLog } from '../simulate';
import type { OhlcvSeries } from '../types';
import { calendarOf, civilFromDays, dayOfWeek, periodKey } from './calendar';
import { computeStatistics, logRatio } from './statistics';

function seriesAt(times: number[], closes?: number[]): OhlcvSeries {
  return seriesFromRows(
    times.map((time, i) => {
      const c = closes?.[i] ?? 100;
      return { time, open: c, high: c, low: c, close: c };
    }),
  );
}

function tradeLog(trades: Array<{ entry: number; exit: number; pnl: number; ret: number }>): TradeLog {
  const log = emptyTradeLog();
  trades.forEach((t, k) => {
    log.entryBar[k] = t.entry;
    log.exitBar[k] = t.exit;
    log.pnl[k] = t.pnl;
    log.returnPct[k] = t.ret;
    log.size[k] = 1;
  });
  log.count = trades.length;
  return log;
}

const stats = (series: OhlcvSeries, equity: number[], trades = tradeLog([]), warmupBar = 0) =>
  computeStatistics({ series, equity: Float64Array.from(equity), trades, warmupBar });

describe('periods per year', () => {
  const yearly = Array.from({ length: 12 }, (_, k) => Date.UTC(2001 + k, 0, 1));
  it.each([
    { label: 'weekday daily bars', times: weekdayTimes(300), expected: 252 },
    {
      label: '7-day crypto bars',
      times: Array.from({ length: 300 }, (_, i) => MONDAY + i * DAY),
      expected: 365,
    },
    {
      label: 'weekly bars',
      times: Array.from({ length: 120 }, (_, i) => MONDAY + i * 7 * DAY),
      expected: 52,
    },
    {
      label: 'month-end bars',
      times: Array.from({ length: 120 }, (_, i) => Date.UTC(2000, i + 1, 0)),
      expected: 12,
    },
    { label: 'yearly bars', times: yearly, expected: 1 },
    {
      label: 'hourly weekday bars',
      times: weekdayTimes(40).flatMap((d) => [9, 10, 11, 12].map((h) => d + h * 3_600_000)),
      expected: 252,
    },
  ])('$label → $expected', ({ times, expected }) => {
    expect(calendarOf(Float64Array.from(times)).periodsPerYear).toBe(expected);
  });

  it('intraday bars are resampled to calendar days (last value of each day)', () => {
    const times = weekdayTimes(5).flatMap((d) => [10, 14].map((h) => d + h * 3_600_000));
    expect(Array.from(calendarOf(Float64Array.from(times)).periodLastBar)).toEqual([1, 3, 5, 7, 9]);
  });

  it('weekly data resamples to Monday–Sunday weeks, monthly data to calendar months', () => {
    expect(periodKey(Date.UTC(2021, 0, 10), 'week')).toBe(periodKey(Date.UTC(2021, 0, 4), 'week')); // Sun, Mon
    expect(periodKey(Date.UTC(2021, 0, 11), 'week')).toBe(periodKey(Date.UTC(2021, 0, 4), 'week') + 1);
    expect(periodKey(Date.UTC(2021, 1, 28), 'month')).toBe(periodKey(Date.UTC(2021, 1, 1), 'month'));
    expect(periodKey(Date.UTC(2021, 2, 1), 'month')).toBe(periodKey(Date.UTC(2021, 1, 1), 'month') + 1);
  });
});

describe('calendar arithmetic without Date objects', () => {
  it('agrees with Date for days from 1900 to 2100', () => {
    for (let day = -25_567; day < 47_482; day += 211) {
      const d = new Date(day * DAY);
      expect(civilFromDays(day)).toEqual({
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        dayOfMonth: d.getUTCDate(),
      });
      expect(dayOfWeek(day)).toBe((d.getUTCDay() + 6) % 7);
    }
  });
});

describe('returns and risk', () => {
  const times = weekdayTimes(6);
  const equity = [100, 110, 99, 108.9, 108.9, 119.79];
  const r = [0.1, -0.1, 0.1, 0, 0.1];
  const m = stats(seriesAt(times), equity).metrics;
  const g = Math.exp(r.reduce((s, x) => s + Math.log(1 + x), 0) / r.length) - 1;
  const mean = r.reduce((s, x) => s + x, 0) / r.length;
  const variance = r.reduce((s, x) => s + (x - mean) ** 2, 0) / (r.length - 1);
  const ann = (1 + g) ** 252 - 1;
  const vol = Math.sqrt((variance + (1 + g) ** 2) ** 252 - (1 + g) ** 504);

  it('annualises the geometric mean period return', () => {
    expect(m.returnAnnPct).toBeCloseTo(ann * 100, 6);
  });

  it('uses the variance of a compounded product for volatility, and Sharpe = return / volatility', () => {
    expect(m.volatilityAnnPct! / (vol * 100)).toBeCloseTo(1, 10);
    expect(m.sharpe! / ann / (100 / (vol * 100))).toBeCloseTo(1, 10);
  });

  it('Sortino divides by the root mean square of the negative returns over all periods', () => {
    expect(m.sortino! / (ann / (Math.sqrt(0.01 / 5) * Math.sqrt(252)))).toBeCloseTo(1, 10);
  });

  it('CAGR uses fractional days / 365.25', () => {
    const t0 = Date.UTC(2020, 0, 1);
    const t1 = Date.UTC(2021, 6, 2, 12);
    const cagr = stats(seriesAt([t0, t1]), [100, 150]).metrics.cagrPct;
    expect(cagr).toBeCloseTo((1.5 ** (1 / (548.5 / 365.25)) - 1) * 100, 10);
  });

  it('the geometric mean is 0 once equity is wiped out, and beta is undefined', () => {
    const ruined = stats(seriesAt(weekdayTimes(4), [100, 101, 102, 103]), [100, 50, 0, 0]).metrics;
    expect(ruined.returnAnnPct).toBe(0);
    expect(ruined.beta).toBeNull();
    expect(ruined.alphaPct).toBeNull();
    expect(ruined.returnPct).toBe(-100);
  });

  it('beta of an always fully invested curve is 1', () => {
    const closes = [100, 103, 101, 106, 104, 110];
    const m2 = stats(
      seriesAt(weekdayTimes(6), closes),
      closes.map((c) => c * 10),
    ).metrics;
    expect(m2.beta).toBeCloseTo(1, 12);
    expect(m2.alphaPct).toBeCloseTo(0, 9);
  });

  it('beta is the log-return covariance over the market variance, for small and large changes alike', () => {
    // numpy: cov(log returns of equity, log returns of close, ddof 1) / var(log returns of close).
    const reference = (equity: number[], closes: number[]): number => {
      const x = equity.slice(1).map((e, i) => Math.log1p((e - equity[i]) / equity[i]));
      const y = closes.slice(1).map((c, i) => Math.log1p((c - closes[i]) / closes[i]));
      const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
      const mx = mean(x);
      const my = mean(y);
      const cov = x.reduce((a, xi, i) => a + (xi - mx) * (y[i] - my), 0);
      return cov / y.reduce((a, yi) => a + (yi - my) ** 2, 0);
    };
    const n = 400;
    const closes = Array.from(
      { length: n },
      (_, i) => 100 * (1 + 0.004 * Math.sin(i * 1.7)) * (1 + i * 1e-4),
    );
    // Intraday-sized changes (all below 2 %: the four-term series), then one 50 % jump (Math.log).
    const small = closes.map((c, i) => 10_000 + 37 * (c - 100) + 11 * Math.cos(i * 0.9));
    const large = small.map((e, i) => (i >= 200 ? e * 1.5 : e));
    const jump = small.map((e, i) => (i >= 300 ? e * 1.1 : e));
    // A market with 5 % moves takes the eight-term loop straight away.
    const jumpy = closes.map((c, i) => (i % 50 === 0 ? c * 1.05 : c));
    for (const [equity, market] of [
      [small, closes],
      [large, closes],
      [jump, closes],
      [small, jumpy],
      [jump, jumpy],
    ]) {
      const beta = stats(seriesAt(weekdayTimes(n), market), equity).metrics.beta!;
      expect(Math.abs(beta / reference(equity, market) - 1)).toBeLessThan(1e-12);
    }
  });

  it('buy & hold starts at the warm-up bar', () => {
    const m2 = stats(seriesAt(weekdayTimes(4), [50, 100, 120, 150]), [1, 1, 1, 1], tradeLog([]), 1).metrics;
    expect(m2.buyHoldReturnPct).toBeCloseTo(50, 12);
  });
});

describe('drawdown', () => {
  it('averages the deepest point of each episode, counting one still open at the end', () => {
    const times = [0, 1, 2, 3, 4].map((d) => MONDAY + d * DAY);
    const m = stats(seriesAt(times), [100, 90, 100, 80, 90]).metrics;
    expect(m.maxDrawdownPct).toBeCloseTo(-20, 12);
    expect(m.avgDrawdownPct).toBeCloseTo(-15, 12);
    expect(m.maxDrawdownDurationDays).toBe(2);
    expect(m.calmar).not.toBeNull();
  });

  it('with no drawdown at all: max 0, average and duration undefined', () => {
    const m = stats(seriesAt(weekdayTimes(3)), [100, 100, 100]).metrics;
    expect(m.maxDrawdownPct).toBe(0);
    expect(m.avgDrawdownPct).toBeNull();
    expect(m.maxDrawdownDurationDays).toBeNull();
    expect(m.calmar).toBeNull();
  });

  it('a drawdown only on the last bar is averaged on its own (as pandas does)', () => {
    const m = stats(seriesAt(weekdayTimes(3)), [100, 110, 99]).metrics;
    expect(m.avgDrawdownPct).toBeCloseTo(-10, 12);
  });
});

describe('trade statistics', () => {
  const series = seriesAt(weekdayTimes(10));
  const equity = Array.from({ length: 10 }, () => 100);

  it('follows backtesting.py definitions', () => {
    const m = stats(
      series,
      equity,
      tradeLog([
        { entry: 1, exit: 2, pnl: 100, ret: 0.1 },
        { entry: 2, exit: 4, pnl: -50, ret: -0.05 },
        { entry: 6, exit: 7, pnl: 200, ret: 0.2 },
      ]),
    ).metrics;
    expect(m.trades).toBe(3);
    expect(m.winRatePct).toBeCloseTo(200 / 3, 12);
    expect(m.bestTradePct).toBeCloseTo(20, 12);
    expect(m.worstTradePct).toBeCloseTo(-5, 12);
    expect(m.avgTradePct).toBeCloseTo(((1.1 * 0.95 * 1.2) ** (1 / 3) - 1) * 100, 10);
    expect(m.profitFactor).toBeCloseTo(0.3 / 0.05, 10);
    expect(m.expectancyPct).toBeCloseTo(25 / 3, 10);
    const sd = Math.sqrt(((100 - 250 / 3) ** 2 + (-50 - 250 / 3) ** 2 + (200 - 250 / 3) ** 2) / 2);
    expect(m.sqn).toBeCloseTo((Math.sqrt(3) * (250 / 3)) / sd, 10);
    expect(m.kelly).toBeCloseTo(2 / 3 - 1 / 3 / (150 / 50), 12);
    // bars 1–4 and 6–7 (bar 2 is shared): 6 of 10
    expect(m.exposurePct).toBeCloseTo(60, 12);
  });

  it('is null, never NaN, without trades, without losses, or with a single trade', () => {
    const none = stats(series, equity).metrics;
    expect(none.trades).toBe(0);
    for (const key of [
      'winRatePct',
      'bestTradePct',
      'worstTradePct',
      'avgTradePct',
      'profitFactor',
      'expectancyPct',
      'sqn',
      'kelly',
    ] as const) {
      expect(none[key]).toBeNull();
    }
    expect(none.exposurePct).toBe(0);
    const single = stats(series, equity, tradeLog([{ entry: 1, exit: 2, pnl: 5, ret: 0.05 }])).metrics;
    expect(single.sqn).toBeNull();
    expect(single.profitFactor).toBeNull();
    expect(single.kelly).toBeNull();
    expect(JSON.stringify(single)).not.toMatch(/NaN|Infinity/);
  });

  it('the geometric average trade is 0 when a trade lost everything', () => {
    const m = stats(
      series,
      equity,
      tradeLog([
        { entry: 1, exit: 2, pnl: -100, ret: -1 },
        { entry: 3, exit: 4, pnl: 1, ret: 0.5 },
      ]),
    ).metrics;
    expect(m.avgTradePct).toBe(0);
  });
});

describe('logRatio', () => {
  it('agrees with log1p((a − b) / b) to a few ulps on each of its three ranges', () => {
    let worst = 0;
    for (const change of [1e-9, 3e-7, 1e-5, 4e-4, 1.9e-3, 2.1e-3, 8e-3, 0.019, 0.021, 0.15, 0.21, 0.3, 5]) {
      for (const sign of [1, -1]) {
        for (const b of [0.37, 1, 123.456, 98_765.4321]) {
          const a = b * (1 + sign * change);
          if (!(a > 0)) continue;
          // a − b is exact here; Math.log(a / b) would lose digits to the rounding of a / b.
          const exact = Math.log1p((a - b) / b);
          worst = Math.max(worst, Math.abs(logRatio(a, b) - exact) / Math.abs(exact));
        }
      }
    }
    expect(worst).toBeLessThan(1e-15);
    expect(logRatio(5, 5)).toBe(0);
  });
});

describe('statistics with and without display points', () => {
  it('give the same metrics (the scan without display divides once per drawdown episode)', () => {
    const n = 3000;
    const times = weekdayTimes(n);
    const closes = Array.from({ length: n }, (_, i) => 100 + 10 * Math.sin(i / 40) + i / 50);
    const curves = [
      closes.map((c, i) => 10_000 + 80 * (c - 100) + 40 * Math.sin(i * 0.37)),
      // Repeated peaks, flat stretches, an episode open at the end and one of a single bar.
      closes.map((c, i) => (i % 500 < 100 ? 10_000 : 10_000 - ((i * 7919) % 300)) + (i === n - 1 ? -1 : 0)),
      closes.map((_, i) => (i === n - 1 ? 9_999 : 10_000 + i)),
    ];
    for (const equity of curves) {
      const series = seriesAt(times, closes);
      const input = { series, equity: Float64Array.from(equity), trades: tradeLog([]), warmupBar: 0 };
      const plain = computeStatistics(input).metrics;
      expect(plain.maxDrawdownPct).toBeLessThan(0);
      for (const displayPoints of [100, 5000]) {
        expect(computeStatistics({ ...input, displayPoints }).metrics).toEqual(plain);
      }
    }
  });
});

import fc from 'fast-check';
import { randomWalk } from './__fixtures__/series';
import { runBacktest } from './run';
import type { BacktestOptionsInput } from './strategy.schema';
import type { BacktestResult, OhlcvSeries } from './types';

const DAY = 86_400_000;

/** A random sma-cross backtest setup. */
const setup = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  bars: fc.integer({ min: 60, max: 220 }),
  fast: fc.integer({ min: 2, max: 12 }),
  slowGap: fc.integer({ min: 1, max: 25 }),
  direction: fc.constantFrom('long-only', 'long-short'),
  commission: fc.constantFrom(0, 0.001, 0.01),
  commissionFixed: fc.constantFrom(0, 2),
  spread: fc.constantFrom(0, 0.002),
  tradeOnClose: fc.boolean(),
  fractional: fc.boolean(),
  finalize: fc.boolean(),
  stopLossPct: fc.option(fc.constantFrom(1, 3, 8), { nil: undefined }),
  takeProfitPct: fc.option(fc.constantFrom(2, 5, 15), { nil: undefined }),
});
type Setup = typeof setup extends fc.Arbitrary<infer T> ? T : never;

function run(series: OhlcvSeries, s: Setup, overrides: BacktestOptionsInput = {}): BacktestResult {
  return runBacktest(
    series,
    {
      kind: 'template',
      template: 'sma-cross',
      params: {
        fast: s.fast,
        slow: s.fast + s.slowGap,
        direction: s.direction,
        stopLossPct: s.stopLossPct,
        takeProfitPct: s.takeProfitPct,
      },
    },
    {
      cash: 10_000,
      commission: s.commission,
      commissionFixed: s.commissionFixed,
      spread: s.spread,
      tradeOnClose: s.tradeOnClose,
      fractional: s.fractional,
      finalize: s.finalize,
      downsamplePoints: 100_000, // keep every bar
      ...overrides,
    },
  );
}

const walk = (s: Setup): OhlcvSeries => randomWalk(s.bars, s.seed, Date.UTC(2021, 0, 4), DAY, 0.04);

/** Bars 0..t of `a` followed by unrelated bars. */
function withDifferentFuture(a: OhlcvSeries, t: number, seed: number): OhlcvSeries {
  const other = randomWalk(a.close.length, seed, a.time[0], DAY, 0.08);
  const out = {} as OhlcvSeries;
  for (const key of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
    out[key] = Float64Array.from(a[key]);
    if (key !== 'time') out[key].set(other[key].subarray(t + 1), t + 1);
  }
  return out;
}

describe('properties', () => {
  it('no look-ahead: changing bars after t never changes equity or closed trades up to t', () => {
    fc.assert(
      fc.property(
        setup,
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 1e6 }),
        (s, tSeed, otherSeed) => {
          const a = walk(s);
          const t = tSeed % (s.bars - 1);
          const ra = run(a, s);
          const rb = run(withDifferentFuture(a, t, otherSeed), s);
          expect(rb.equity.v.slice(0, t + 1)).toEqual(ra.equity.v.slice(0, t + 1));
          const before = (r: BacktestResult) => r.trades.filter((x) => x.exitBar < t);
          expect(before(rb)).toEqual(before(ra));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('equity = cash + position value at every bar (realised PnL plus the open trade marked at Close)', () => {
    fc.assert(
      fc.property(setup, (s0) => {
        const s = { ...s0, tradeOnClose: false };
        const series = walk(s);
        const r = run(series, s);
        const rate = s.commission;
        const open = r.openTrade === null ? [] : [{ ...r.openTrade, exitBar: Infinity }];
        const all = [...r.trades, ...open];
        for (let i = 0; i < series.close.length; i++) {
          const eq = r.equity.v[i];
          if (eq === 0) break; // ruined: everything closed at that Close, equity pinned to 0
          let expected = 10_000;
          for (const t of all) {
            if (t.exitBar <= i) expected += t.pnl;
            else if (t.entryBar <= i) {
              expected +=
                t.size * (series.close[i] - t.entryPrice) -
                (s.commissionFixed + Math.abs(t.size) * t.entryPrice * rate);
            }
          }
          expect(Math.abs(eq - expected)).toBeLessThanOrEqual(1e-8 * Math.max(1, Math.abs(expected)));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('higher commission never raises the final equity of the same trades', () => {
    fc.assert(
      fc.property(
        setup,
        fc.constantFrom(0, 0.0005, 0.002),
        fc.constantFrom(0.0001, 0.001, 0.01),
        (s0, c1, extra) => {
          // Fractional sizing keeps trades identical across commissions (whole units could round to one
          // unit fewer and so lose less on a losing trade); long-only cannot be wiped out.
          const s: Setup = { ...s0, fractional: true, direction: 'long-only', commissionFixed: 0 };
          const series = walk(s);
          const low = run(series, s, { commission: c1 });
          const high = run(series, s, { commission: c1 + extra });
          fc.pre(low.trades.length === high.trades.length);
          expect(high.metrics.equityFinal!).toBeLessThanOrEqual(low.metrics.equityFinal! * (1 + 1e-12));
          // Per trade, return % is lower too, whatever the sizing mode.
          high.trades.forEach((t, k) =>
            expect(t.returnPct).toBeLessThanOrEqual(low.trades[k].returnPct + 1e-9),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('is deterministic: the same input gives byte-identical JSON, with or without shared caches', () => {
    fc.assert(
      fc.property(setup, (s) => {
        const series = walk(s);
        const copy = {} as OhlcvSeries;
        for (const key of ['time', 'open', 'high', 'low', 'close', 'volume'] as const)
          copy[key] = Float64Array.from(series[key]);
        const a = JSON.stringify(run(series, s, { downsamplePoints: 50 }));
        expect(JSON.stringify(run(series, s, { downsamplePoints: 50 }))).toBe(a);
        expect(JSON.stringify(run(copy, s, { downsamplePoints: 50 }))).toBe(a);
        expect(a).not.toMatch(/NaN|Infinity/);
      }),
      { numRuns: 60 },
    );
  });
});

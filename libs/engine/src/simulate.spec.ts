import { barsFrom, flatBars, handStrategy } from './__fixtures__/series';
import { pyFloorDiv, simulate } from './simulate';
import { resolveOptions } from './strategy.schema';
import type { BacktestOptionsInput } from './strategy.schema';
import type { OhlcvSeries } from './types';
import type { CompiledStrategy } from './strategy';

const run = (
  series: OhlcvSeries,
  strategy: CompiledStrategy,
  options: BacktestOptionsInput = {},
  startBar = 1,
) => simulate(series, strategy, startBar, resolveOptions(options));

/** open = 100 + i, close = 100.5 + i, high = open + 1, low = open − 0.5 */
const ramp = (n: number): OhlcvSeries =>
  barsFrom(
    Array.from({ length: n }, (_, i): [number, number, number, number] => [
      100 + i,
      101 + i,
      99.5 + i,
      100.5 + i,
    ]),
  );

const tradeAt = (sim: ReturnType<typeof simulate>, k: number) => ({
  entryBar: sim.trades.entryBar[k],
  exitBar: sim.trades.exitBar[k],
  entryPrice: sim.trades.entryPrice[k],
  exitPrice: sim.trades.exitPrice[k],
  size: sim.trades.size[k],
  pnl: sim.trades.pnl[k],
  returnPct: sim.trades.returnPct[k],
  commission: sim.trades.commission[k],
});

describe('order timing', () => {
  it('an order placed on bar i fills at the Open of bar i+1; equity is marked at each Close', () => {
    const sim = run(ramp(5), handStrategy(5, { buy: [2] }));
    // 10 000 · (1 − 2⁻⁵²) / 103 → 97 units at 103
    expect(sim.open).toMatchObject({ entryBar: 3, entryPrice: 103, size: 97 });
    expect(sim.equity[2]).toBe(10_000);
    expect(sim.equity[3]).toBeCloseTo(10_000 + 97 * 0.5, 9);
  });

  it('with tradeOnClose the order fills at the signal bar Close and the trade starts on that bar', () => {
    const sim = run(ramp(5), handStrategy(5, { buy: [2] }), { tradeOnClose: true });
    expect(sim.open).toMatchObject({ entryBar: 2, entryPrice: 102.5, size: 97 });
    expect(sim.equity[2]).toBe(10_000); // marked before the fill
    expect(sim.equity[3]).toBeCloseTo(10_000 + 97 * (103.5 - 102.5), 9);
  });

  it('bars before the first strategy bar keep the starting cash', () => {
    const sim = run(ramp(6), handStrategy(6, { buy: [0, 1, 2, 3] }), {}, 3);
    expect(Array.from(sim.equity.slice(0, 4))).toEqual([10_000, 10_000, 10_000, 10_000]);
    expect(sim.open?.entryBar).toBe(4);
  });
});

describe('sizing', () => {
  it('"all in" is floor(cash · (1 − 2⁻⁵²) / price): an exact multiple buys one unit less', () => {
    const sim = run(flatBars([10, 10, 10, 10]), handStrategy(4, { buy: [1] }), { cash: 1000 });
    expect(sim.open?.size).toBe(99);
  });

  it('commission per unit reduces the size', () => {
    const sim = run(flatBars([10, 10, 10, 10]), handStrategy(4, { buy: [1] }), {
      cash: 1000,
      commission: 0.02,
    });
    expect(sim.open?.size).toBe(98); // 1000 / (10 + 0.2) = 98.04 → 98
  });

  it('an order that cannot buy one unit is cancelled, not partially filled', () => {
    const sim = run(flatBars([100, 100, 100, 100]), handStrategy(4, { buy: [1] }), { cash: 50 });
    expect(sim.open).toBeNull();
    expect(sim.trades.count).toBe(0);
    expect(sim.equity[3]).toBe(50);
  });

  it('fractional sizing buys any positive amount', () => {
    const sim = run(flatBars([100, 100, 100, 100]), handStrategy(4, { buy: [1] }), {
      cash: 50,
      fractional: true,
    });
    expect(sim.open?.size).toBeCloseTo(0.5, 12);
  });

  it('a close is processed before the new entry, so its cash sizes the reversal', () => {
    const prices = [100, 100, 100, 120, 120, 120];
    const sim = run(
      flatBars(prices),
      handStrategy(6, { mode: 'reversal', buy: [1], sell: [3], allowShort: true }),
    );
    expect(tradeAt(sim, 0)).toMatchObject({ entryBar: 2, exitBar: 4, size: 99, pnl: 99 * 20 });
    // cash after the close: 10 000 + 1 980 = 11 980 → 11 980 / 120 = 99.83 → 99 units short
    expect(sim.open).toMatchObject({ entryBar: 4, size: -99, entryPrice: 120 });
  });
});

describe('costs', () => {
  const prices = [100, 100, 100, 110, 110, 110];

  it('relative commission is charged on entry and again on exit', () => {
    const sim = run(flatBars(prices), handStrategy(6, { buy: [1], exitLong: [3] }), { commission: 0.01 });
    // 99 units (10 000 / 101); entry commission 99, exit commission 99 · 110 · 1 % = 108.9
    const t = tradeAt(sim, 0);
    expect(t).toMatchObject({ entryBar: 2, exitBar: 4, entryPrice: 100, exitPrice: 110, size: 99 });
    expect(t.commission).toBeCloseTo(207.9, 9);
    expect(t.pnl).toBeCloseTo(990 - 207.9, 9);
    expect(t.returnPct).toBeCloseTo(0.1 - 207.9 / 9900, 12);
    expect(sim.equity[5]).toBeCloseTo(10_000 + 990 - 207.9, 9);
  });

  it('a fixed commission is added on each fill', () => {
    const sim = run(flatBars(prices), handStrategy(6, { buy: [1], exitLong: [3] }), { commissionFixed: 5 });
    // sizing counts the fixed fee per unit (backtesting.py): 10 000 / 105 → 95 units
    expect(tradeAt(sim, 0)).toMatchObject({ size: 95, commission: 10, pnl: 95 * 10 - 10 });
  });

  it('spread worsens only the entry price, for longs and shorts', () => {
    const long = run(flatBars(prices), handStrategy(6, { buy: [1], exitLong: [3] }), { spread: 0.01 });
    expect(tradeAt(long, 0)).toMatchObject({ entryPrice: 101, exitPrice: 110, size: 99 });
    expect(tradeAt(long, 0).pnl).toBeCloseTo(99 * 9, 9);

    const short = run(flatBars(prices), handStrategy(6, { sell: [1], exitShort: [3] }), { spread: 0.01 });
    expect(tradeAt(short, 0)).toMatchObject({ entryPrice: 99, exitPrice: 110, size: -101 });
    expect(tradeAt(short, 0).pnl).toBeCloseTo(-101 * 11, 9);
    expect(tradeAt(short, 0).returnPct).toBeCloseTo(-(110 / 99 - 1), 12);
  });
});

describe('stop-loss and take-profit (percent of the signal bar Close)', () => {
  const lead: Array<[number, number, number, number]> = [
    [100, 100, 100, 100],
    [100, 100, 100, 100], // signal bar: SL 95 / TP 105 for a long
    [100, 101, 99, 100], // entry at 100
  ];
  const long = (bar3: [number, number, number, number], sl?: number, tp?: number) =>
    run(
      barsFrom([...lead, bar3, [100, 100, 100, 100]]),
      handStrategy(5, { buy: [1], stopLossPct: sl, takeProfitPct: tp }),
    );

  it('a stop inside the bar fills at the stop', () => {
    expect(tradeAt(long([99, 100, 94, 96], 5), 0)).toMatchObject({ exitBar: 3, exitPrice: 95 });
  });

  it('a gap through the stop fills at the Open', () => {
    expect(tradeAt(long([90, 92, 88, 91], 5), 0)).toMatchObject({ exitBar: 3, exitPrice: 90 });
  });

  it('a take-profit fills at max(Open, limit)', () => {
    expect(tradeAt(long([104, 107, 103, 106], undefined, 5), 0)).toMatchObject({ exitPrice: 105 });
    expect(tradeAt(long([108, 109, 107, 108], undefined, 5), 0)).toMatchObject({ exitPrice: 108 });
  });

  it('when both could fill in one bar, the stop-loss wins', () => {
    expect(tradeAt(long([100, 106, 94, 100], 5, 5), 0)).toMatchObject({ exitPrice: 95 });
  });

  it('brackets are live in the entry bar itself', () => {
    const sim = run(
      barsFrom([lead[0], lead[1], [100, 100, 94, 96], [96, 96, 96, 96]]),
      handStrategy(4, { buy: [1], stopLossPct: 5 }),
    );
    expect(tradeAt(sim, 0)).toMatchObject({ entryBar: 2, exitBar: 2, entryPrice: 100, exitPrice: 95 });
  });

  it("a short's stop is a buy stop above: it fills at max(Open, stop)", () => {
    const sim = run(
      barsFrom([...lead, [101, 106, 100, 104], [104, 104, 104, 104]]),
      handStrategy(5, { sell: [1], stopLossPct: 5 }),
    );
    expect(tradeAt(sim, 0)).toMatchObject({ size: -99, exitBar: 3, exitPrice: 105 });
  });
});

describe('equity at or below zero', () => {
  it('closes everything at that Close and keeps equity at 0 from then on', () => {
    const sim = run(flatBars([10, 10, 10, 30, 30, 30]), handStrategy(6, { sell: [1] }), {
      cash: 1000,
      finalize: true,
    });
    expect(sim.ruinBar).toBe(3);
    expect(tradeAt(sim, 0)).toMatchObject({ size: -99, entryBar: 2, exitBar: 3, exitPrice: 30 });
    expect(Array.from(sim.equity.slice(3))).toEqual([0, 0, 0]);
    expect(sim.open).toBeNull();
  });
});

describe('finalize', () => {
  const bars = barsFrom([
    [100, 100, 100, 100],
    [100, 100, 100, 100],
    [100, 100, 100, 100],
    [100, 100, 100, 100],
    [105, 111, 104, 110],
  ]);

  it("closes open trades at the last bar's Open, and the last equity reflects it", () => {
    const sim = run(bars, handStrategy(5, { buy: [1] }), { finalize: true });
    expect(tradeAt(sim, 0)).toMatchObject({ entryBar: 2, exitBar: 4, exitPrice: 105, size: 99 });
    expect(sim.equity[4]).toBe(10_000 + 99 * 5);
    expect(sim.open).toBeNull();
  });

  it('without it, an open trade counts in equity but not as a closed trade', () => {
    const sim = run(bars, handStrategy(5, { buy: [1] }));
    expect(sim.trades.count).toBe(0);
    expect(sim.equity[4]).toBe(10_000 + 99 * 10);
    expect(sim.open).toMatchObject({ entryBar: 2, size: 99 });
  });

  it('like backtesting.py, an entry ordered on the last bar is filled at its Open too', () => {
    const sim = run(bars, handStrategy(5, { buy: [4] }), { finalize: true });
    expect(sim.trades.count).toBe(0);
    expect(sim.open).toMatchObject({ entryBar: 4, entryPrice: 105, size: 95 });
    expect(sim.equity[4]).toBe(10_000 + 95 * 5);
  });
});

describe('pyFloorDiv (Python float //)', () => {
  it.each([
    [1, 0.1, 9], // Math.floor(1 / 0.1) would say 10
    [7, 2, 3],
    [0.3, 0.1, 2],
    [10_000 * (1 - 2 ** -52), 100, 99],
    [9999.5, 100.5, 99],
  ])('%p // %p = %p', (a, b, q) => {
    expect(pyFloorDiv(a, b)).toBe(q);
  });
});

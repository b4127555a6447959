import { barsFrom, flatBars } from '../__fixtures__/series';
import { IndicatorCache } from '../indicators';
import {
  bollingerBreakout,
  buyAndHold,
  donchianBreakout,
  emaCross,
  macdCross,
  rsiReversion,
  smaCross,
} from './index';

const bits = (a: Uint8Array | null) => (a === null ? null : Array.from(a));

describe('template signals', () => {
  it('sma-cross: bullish and bearish crossovers of the two averages, long-short reverses', () => {
    const series = flatBars([5, 5, 5, 1, 2, 1, 9, 8, 9, 1]);
    const c = smaCross.compile({ fast: 1, slow: 3, direction: 'long-short' }, new IndicatorCache(series));
    expect(c.mode).toBe('reversal');
    expect(bits(c.longEntry)).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0, 0]);
    expect(bits(c.shortEntry)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(c.allowShort).toBe(true);
    expect(Array.from(c.events ?? [])).toEqual([6, 9]);
    expect(smaCross.warmupBar({ fast: 1, slow: 3, direction: 'long-only' })).toBe(2);
  });

  it('ema-cross and macd-cross declare the lines they compare', () => {
    const series = flatBars(Array.from({ length: 60 }, (_, i) => 100 + 10 * Math.sin(i / 5)));
    const ema = emaCross.compile({ fast: 3, slow: 8, direction: 'long-only' }, new IndicatorCache(series));
    expect(ema.indicators).toHaveLength(2);
    expect(ema.allowShort).toBe(false);
    const macd = macdCross.compile(
      { fast: 3, slow: 8, signal: 4, direction: 'long-short' },
      new IndicatorCache(series),
    );
    expect(macd.indicators.map((l) => l.findIndex((x) => !Number.isNaN(x)))).toEqual([7, 10]);
    expect(macdCross.warmupBar({ fast: 3, slow: 8, signal: 4, direction: 'long-short' })).toBe(10);
  });

  it('rsi-reversion: enter below lower, exit above upper (stateful)', () => {
    const series = flatBars([10, 9, 8, 7, 6, 7, 8, 9, 10, 11]);
    const c = rsiReversion.compile(
      { period: 2, lower: 30, upper: 70, direction: 'long-only' },
      new IndicatorCache(series),
    );
    expect(c.mode).toBe('stateful');
    expect(bits(c.longEntry)).toEqual([0, 0, 1, 1, 1, 0, 0, 0, 0, 0]);
    expect(bits(c.longExit)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
  });

  it('bollinger-breakout: Close above the upper band enters, below the middle exits', () => {
    const series = flatBars([10, 10, 10, 10, 14, 13, 9]);
    const c = bollingerBreakout.compile(
      { period: 4, k: 1, direction: 'long-short' },
      new IndicatorCache(series),
    );
    expect(bits(c.longEntry)).toEqual([0, 0, 0, 0, 1, 0, 0]);
    expect(bits(c.longExit)).toEqual([0, 0, 0, 0, 0, 0, 1]);
    expect(bits(c.shortEntry)).toEqual([0, 0, 0, 0, 0, 0, 1]);
  });

  it("donchian-breakout: breaks the previous bars' channel (the current bar is excluded)", () => {
    const series = barsFrom([
      [10, 11, 9, 10],
      [10, 12, 9, 11],
      [11, 12, 10, 11.5],
      [11.5, 13, 11, 12.5], // Close 12.5 > highest High of the previous 2 bars (12)
      [12.5, 13, 8, 8.5], // Close 8.5 < lowest Low of the previous 2 bars (10)
    ]);
    const c = donchianBreakout.compile(
      { entry: 2, exit: 2, direction: 'long-only' },
      new IndicatorCache(series),
    );
    expect(bits(c.longEntry)).toEqual([0, 0, 0, 1, 0]);
    expect(bits(c.longExit)).toEqual([0, 0, 0, 0, 1]);
  });

  it('buy-and-hold: always wants to be long, no indicators', () => {
    const c = buyAndHold.compile({}, new IndicatorCache(flatBars([1, 2, 3])));
    expect(bits(c.longEntry)).toEqual([1, 1, 1]);
    expect(c.indicators).toEqual([]);
  });

  it('stop-loss and take-profit distances are passed through', () => {
    const c = smaCross.compile(
      { fast: 1, slow: 3, direction: 'long-only', stopLossPct: 2, takeProfitPct: 6 },
      new IndicatorCache(flatBars([1, 2, 3, 4])),
    );
    expect([c.stopLossPct, c.takeProfitPct]).toEqual([2, 6]);
  });
});

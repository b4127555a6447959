import { flatBars, barsFrom } from '../__fixtures__/series';
import { computeIndicator, firstDefinedIndex, IndicatorCache } from './index';
import { atr } from './atr';
import { bollinger } from './bollinger';
import { donchian } from './donchian';
import { ema } from './ema';
import { macd } from './macd';
import { rsi } from './rsi';
import { sma, smaPair } from './sma';

const f64 = (xs: number[]): Float64Array => Float64Array.from(xs);
const arr = (a: Float64Array): number[] => Array.from(a);

function expectValues(actual: Float64Array, expected: number[], digits = 12): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => {
    if (Number.isNaN(e)) expect(actual[i]).toBeNaN();
    else expect(actual[i]).toBeCloseTo(e, digits);
  });
}

describe('sma (pandas rolling mean)', () => {
  it('is the plain mean of the last n values, the first n-1 undefined', () => {
    expectValues(sma(f64([1, 2, 3, 4, 5]), 3), [NaN, NaN, 2, 3, 4]);
  });

  it('returns the repeated value exactly when the whole window is one value', () => {
    const out = sma(f64([0.1, 0.7, 0.7, 0.7]), 3);
    expect(out[3]).toBe(0.7);
  });

  it('treats NaN inputs like pandas (a window with a NaN is undefined)', () => {
    expectValues(sma(f64([1, NaN, 3, 4]), 2), [NaN, NaN, NaN, 3.5]);
  });

  it('clamps to 0 a mean of mixed signs that rounds to the wrong sign, like pandas', () => {
    expectValues(sma(f64([-1, 1, -1, 1]), 2), [NaN, 0, 0, 0]);
  });

  it('period 1 is the input itself', () => {
    expect(arr(sma(f64([3, 1, 2]), 1))).toEqual([3, 1, 2]);
  });

  it('smaPair gives bit-identical results to two separate passes', () => {
    const values = f64(Array.from({ length: 500 }, (_, i) => 100 + Math.sin(i / 7) * 10 + i / 50));
    const [a, b] = smaPair(values, 10, 30);
    expect(arr(a)).toEqual(arr(sma(values, 10)));
    expect(arr(b)).toEqual(arr(sma(values, 30)));
  });
});

describe('ema (pandas ewm(span, adjust=False), defined after `period` values)', () => {
  it('seeds with the first value and applies alpha = 2 / (n + 1)', () => {
    // alpha = 0.5: 1, 1.5, 2.25, 3.125, 4.0625
    expectValues(ema(f64([1, 2, 3, 4, 5]), 3), [NaN, NaN, 2.25, 3.125, 4.0625]);
  });

  it('starts at the first defined value when the input begins with NaN', () => {
    expectValues(ema(f64([NaN, NaN, 4, 6]), 2), [NaN, NaN, NaN, 4 / 3 + 4]);
  });
});

describe('rsi (Wilder, TA-Lib seeding)', () => {
  it('matches a hand computation', () => {
    // changes +1 +1 -1 +1 +1; avg gain/loss: (1, 0) → (0.5, 0.5) → (0.75, 0.25) → (0.875, 0.125)
    expectValues(rsi(f64([1, 2, 3, 2, 3, 4]), 2), [NaN, NaN, 100, 50, 75, 87.5]);
  });

  it('is 0 for a flat series (no gain, no loss)', () => {
    expectValues(rsi(f64([5, 5, 5, 5]), 2), [NaN, NaN, 0, 0]);
  });
});

describe('bollinger (SMA ± k population standard deviations)', () => {
  it('matches a hand computation', () => {
    const { upper, middle, lower } = bollinger(f64([1, 2, 3, 4, 5]), 3, 2);
    const sd = Math.sqrt(2 / 3);
    expectValues(middle, [NaN, NaN, 2, 3, 4]);
    expectValues(upper, [NaN, NaN, 2 + 2 * sd, 3 + 2 * sd, 4 + 2 * sd]);
    expectValues(lower, [NaN, NaN, 2 - 2 * sd, 3 - 2 * sd, 4 - 2 * sd]);
  });

  it('has zero width on a constant series', () => {
    const { upper, lower } = bollinger(f64([7, 7, 7, 7]), 2, 2);
    expectValues(upper, [NaN, 7, 7, 7]);
    expectValues(lower, [NaN, 7, 7, 7]);
  });
});

describe('macd', () => {
  it('matches a hand computation (fast 2, slow 3, signal 2)', () => {
    // EMA(2), alpha 2/3: 1, 5/3, 23/9, 95/27, 365/81. EMA(3), alpha 1/2: 1, 1.5, 2.25, 3.125, 4.0625.
    const line = [NaN, NaN, 23 / 9 - 2.25, 95 / 27 - 3.125, 365 / 81 - 4.0625];
    const signal3 = line[2] / 3 + (2 * line[3]) / 3;
    const signal4 = signal3 / 3 + (2 * line[4]) / 3;
    const out = macd(f64([1, 2, 3, 4, 5]), 2, 3, 2);
    expectValues(out.macd, line);
    expectValues(out.signal, [NaN, NaN, NaN, signal3, signal4]);
    expectValues(out.hist, [NaN, NaN, NaN, line[3] - signal3, line[4] - signal4]);
  });
});

describe('atr (Wilder, TA-Lib seeding)', () => {
  it('matches a hand computation', () => {
    // TR: bar1 2, bar2 2, bar3 max(3, 0, 3) = 3 → ATR(2): (2 + 2) / 2 = 2, then (2 + 3) / 2 = 2.5
    const high = f64([10, 11, 12, 11]);
    const low = f64([8, 9, 10, 8]);
    const close = f64([9, 10, 11, 9]);
    expectValues(atr(high, low, close, 2), [NaN, NaN, 2, 2.5]);
  });
});

describe('donchian', () => {
  it('is the rolling highest High and lowest Low, current bar included', () => {
    const { upper, lower } = donchian(f64([1, 3, 2, 5, 4]), f64([0, 2, 1, 3, 2]), 3);
    expectValues(upper, [NaN, NaN, 3, 5, 5]);
    expectValues(lower, [NaN, NaN, 0, 1, 1]);
  });
});

describe('computeIndicator and IndicatorCache', () => {
  const series = barsFrom([
    [1, 2, 0.5, 1.5],
    [1.5, 2.5, 1, 2],
    [2, 3, 1.5, 2.5],
    [2.5, 3, 2, 2.2],
  ]);

  it('dispatches by name on the chosen price source', () => {
    expectValues(computeIndicator(series, { name: 'sma', period: 2, source: 'high' }), [NaN, 2.25, 2.75, 3]);
    expect(Object.keys(computeIndicator(series, { name: 'bollinger', period: 2, k: 1 }))).toEqual([
      'upper',
      'middle',
      'lower',
    ]);
    // The (series, name, params) form. RSI(2) of closes 1.5, 2, 2.5, 2.2: gains (0.5, 0.5), then
    // avg gain (0.5 + 0) / 2 = 0.25, avg loss (0 + 0.3) / 2 = 0.15 → 62.5.
    expectValues(computeIndicator(series, 'rsi', { period: 2 }), [NaN, NaN, 100, 62.5]);
    expect(computeIndicator(series, 'donchian', { period: 2 }).upper[1]).toBe(2.5);
  });

  it('computes an indicator once per parameter set', () => {
    const cache = new IndicatorCache(flatBars([1, 2, 3, 4]));
    expect(cache.sma(2)).toBe(cache.sma(2));
    expect(cache.sma(2)).not.toBe(cache.sma(3));
    const [a, b] = cache.smaPair(2, 3);
    expect(a).toBe(cache.sma(2));
    expect(b).toBe(cache.sma(3));
  });

  it('firstDefinedIndex follows numpy argmin(isnan): 0 with no NaN, and 0 when all NaN', () => {
    expect(firstDefinedIndex(f64([NaN, NaN, 1]))).toBe(2);
    expect(firstDefinedIndex(f64([1, 2]))).toBe(0);
    expect(firstDefinedIndex(f64([NaN, NaN]))).toBe(0);
  });
});

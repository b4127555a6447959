import fc from 'fast-check';
import { randomWalk } from './__fixtures__/series';
import { downsampleEquityAndDrawdown, downsampleMinMax } from './downsample';
import { runBacktest } from './run';

const axis = (n: number) => Float64Array.from({ length: n }, (_, i) => i * 1000);

describe('downsampleMinMax', () => {
  it('returns short series whole', () => {
    expect(downsampleMinMax(axis(3), Float64Array.from([1, 2, 3]), 10)).toEqual({
      t: [0, 1000, 2000],
      v: [1, 2, 3],
    });
  });

  it('keeps at most N points including the first, the last and every extreme', () => {
    const n = 10_000;
    const values = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 50));
    values[4321] = -5;
    values[777] = 9;
    const out = downsampleMinMax(axis(n), values, 100);
    expect(out.t.length).toBeLessThanOrEqual(100);
    expect(out.t[0]).toBe(0);
    expect(out.t[out.t.length - 1]).toBe((n - 1) * 1000);
    expect(out.v).toContain(-5);
    expect(out.v).toContain(9);
    expect([...out.t].sort((a, b) => a - b)).toEqual(out.t);
  });
});

describe('downsampleEquityAndDrawdown', () => {
  it('gives drawdown in percent below the running peak', () => {
    const out = downsampleEquityAndDrawdown(axis(4), Float64Array.from([100, 120, 90, 130]), 10);
    expect(out.equity.v).toEqual([100, 120, 90, 130]);
    expect(out.drawdown.v).toEqual([0, 0, -25, 0]);
  });

  it('uses the same buckets as downsampleMinMax for the equity', () => {
    const values = Float64Array.from({ length: 5000 }, (_, i) => 100 + Math.sin(i / 30) * 10 + i / 100);
    expect(downsampleEquityAndDrawdown(axis(5000), values, 200).equity).toEqual(
      downsampleMinMax(axis(5000), values, 200),
    );
  });
});

/** The definition, bar by bar: each bucket's first bar with the lowest and the highest value. */
function naiveEquityAndDrawdown(time: Float64Array, equity: Float64Array, maxPoints: number) {
  const n = equity.length;
  const drawdown = new Float64Array(n);
  let peak = -Infinity;
  for (let i = 0; i < n; i++) {
    if (equity[i] > peak) peak = equity[i];
    const dd = 1 - equity[i] / peak;
    drawdown[i] = dd === 0 ? 0 : -dd * 100;
  }
  const pick = (values: Float64Array) => {
    const t: number[] = [];
    const v: number[] = [];
    const push = (i: number) => {
      t.push(time[i]);
      v.push(values[i]);
    };
    if (n <= maxPoints) {
      for (let i = 0; i < n; i++) push(i);
      return { t, v };
    }
    push(0);
    const buckets = maxPoints >= 4 ? Math.floor((maxPoints - 2) / 2) : 0;
    for (let b = 0; b < buckets; b++) {
      const from = 1 + Math.floor((b * (n - 2)) / buckets);
      const to = 1 + Math.floor(((b + 1) * (n - 2)) / buckets);
      let minI = from;
      let maxI = from;
      for (let i = from + 1; i < to; i++) {
        if (values[i] < values[minI]) minI = i;
        if (values[i] > values[maxI]) maxI = i;
      }
      if (minI === maxI) push(minI);
      else for (const i of minI < maxI ? [minI, maxI] : [maxI, minI]) push(i);
    }
    push(n - 1);
    return { t, v };
  };
  return { equity: pick(equity), drawdown: pick(drawdown) };
}

describe('downsampleEquityAndDrawdown against the bar-by-bar definition', () => {
  // Few distinct levels make plateaus, repeated peaks and ties; 1-ulp neighbours make drawdowns
  // that round to the same value from different equity.
  const level = fc.constantFrom(50, 80, 99.99999999999999, 100, 100.00000000000001, 120, 0.1 + 0.2, 0.3);
  it('keeps the same bars with the same values', () => {
    fc.assert(
      fc.property(
        fc.array(level, { minLength: 1, maxLength: 400 }),
        fc.integer({ min: 1, max: 60 }),
        (values, points) => {
          const equity = Float64Array.from(values);
          const time = axis(equity.length);
          expect(downsampleEquityAndDrawdown(time, equity, points)).toEqual(
            naiveEquityAndDrawdown(time, equity, points),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('on a long random curve', () => {
    const equity = Float64Array.from(randomWalk(20_000, 11).close, (c) => c * 97.3);
    const time = axis(equity.length);
    for (const points of [2, 3, 4, 101, 1000, 19_999, 20_000]) {
      expect(downsampleEquityAndDrawdown(time, equity, points)).toEqual(
        naiveEquityAndDrawdown(time, equity, points),
      );
    }
  });
});

describe('display series of a backtest', () => {
  it('are the same as downsampling the full equity curve', () => {
    const series = randomWalk(3000, 7);
    const spec = { kind: 'template', template: 'sma-cross', params: { fast: 5, slow: 20 } };
    const full = runBacktest(series, spec, { downsamplePoints: 100_000 });
    const small = runBacktest(series, spec, { downsamplePoints: 150 });
    const expected = downsampleEquityAndDrawdown(series.time, Float64Array.from(full.equity.v), 150);
    expect(small.equity).toEqual(expected.equity);
    expect(small.drawdown).toEqual(expected.drawdown);
  });
});

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

import { readFileSync } from 'fs';
import { join } from 'path';
import { flatBars } from './__fixtures__/series';
import { parseOhlcvCsv } from './csv';
import { BacktestCancelledError, EngineError } from './errors';
import { runBacktest, warmUp } from './run';
import { isKnownValid, seriesFromRows, validateSeries } from './series';
import { TEMPLATE_IDS } from './templates';
import { METRIC_KEYS, type OhlcvSeries } from './types';

const goog = parseOhlcvCsv(
  readFileSync(join(__dirname, '../../../data/samples/GOOG_daily_2004-2013.csv'), 'utf8'),
);
const smaCross = { kind: 'template', template: 'sma-cross', params: { fast: 10, slow: 30 } };

describe('runBacktest', () => {
  it.each(TEMPLATE_IDS)(
    'runs template %s with its defaults: every metric present, finite or null',
    (template) => {
      const result = runBacktest(goog, { kind: 'template', template, params: {} }, { finalize: true });
      expect(Object.keys(result.metrics)).toEqual([...METRIC_KEYS]);
      expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
      expect(result.metrics.trades).toBeGreaterThan(0);
    },
  );

  it('returns JSON-friendly trades with epoch-ms times', () => {
    const { trades } = runBacktest(goog, smaCross, { finalize: true });
    expect(JSON.parse(JSON.stringify(trades[0]))).toEqual(trades[0].toJSON());
    expect(trades[0].toJSON()).toEqual({
      entryTime: Date.UTC(2004, 10, 29),
      exitTime: goog.time[trades[0].exitBar],
      entryBar: 70,
      exitBar: expect.any(Number),
      entryPrice: expect.any(Number),
      exitPrice: expect.any(Number),
      size: expect.any(Number),
      pnl: expect.any(Number),
      returnPct: expect.any(Number),
      commission: 0,
    });
  });

  it("keeps a run's trades intact through later runs (the simulation's trade log is reused)", () => {
    const first = runBacktest(goog, smaCross, { finalize: true });
    const before = JSON.stringify(first.trades);
    const other = runBacktest(goog, { ...smaCross, params: { fast: 5, slow: 60 } }, { commission: 0.01 });
    expect(JSON.stringify(other.trades)).not.toBe(before);
    expect(JSON.stringify(first.trades)).toBe(before);
  });

  it('gives trade rows that read like plain records and cannot be changed', () => {
    const [trade] = runBacktest(goog, smaCross, { finalize: true }).trades;
    const plain = trade.toJSON();
    expect(Object.keys(plain)).toEqual([
      'entryTime',
      'exitTime',
      'entryBar',
      'exitBar',
      'entryPrice',
      'exitPrice',
      'size',
      'pnl',
      'returnPct',
      'commission',
    ]);
    for (const key of Object.keys(plain) as Array<keyof typeof plain>) expect(trade[key]).toBe(plain[key]);
    expect(() => {
      (trade as unknown as { size: number }).size = 1;
    }).toThrow(TypeError);
  });

  it('downsamples equity and drawdown to at most downsamplePoints, keeping the extremes', () => {
    const { equity, drawdown, metrics } = runBacktest(goog, smaCross, { downsamplePoints: 100 });
    expect(equity.t.length).toBeLessThanOrEqual(100);
    expect(drawdown.t.length).toBeLessThanOrEqual(100);
    expect(Math.max(...equity.v)).toBeCloseTo(metrics.equityPeak!, 9);
    expect(Math.min(...drawdown.v)).toBeCloseTo(metrics.maxDrawdownPct!, 9);
  });

  it('reports progress 20 (indicators), 30 (simulating), 80 (statistics)', () => {
    const steps: Array<[number, string]> = [];
    runBacktest(goog, smaCross, {}, { onProgress: (pct, step) => steps.push([pct, step]) });
    expect(steps).toEqual([
      [20, 'indicators'],
      [30, 'simulating'],
      [80, 'statistics'],
    ]);
  });

  it('stops when shouldCancel returns true', () => {
    let calls = 0;
    expect(() => runBacktest(goog, smaCross, {}, { shouldCancel: () => ++calls > 1 })).toThrow(
      BacktestCancelledError,
    );
  });

  it('names the warm-up problem when there are too few bars', () => {
    expect(() => runBacktest(flatBars(Array.from({ length: 30 }, () => 10)), smaCross)).toThrow(
      'too few bars for the warm-up: sma-cross(fast=10, slow=30, direction=long-short) needs at least 31 bars, the data has 30',
    );
  });

  it('rejects an invalid series', () => {
    const bad = seriesFromRows([
      { time: 2, open: 1, high: 2, low: 1, close: 1 },
      { time: 1, open: 1, high: 2, low: 1, close: 1 },
    ]);
    expect(() => runBacktest(bad, smaCross)).toThrow(EngineError);
  });

  it('gives the same result after other runs have used (and returned) the pooled buffers', () => {
    const spec = (fast: number, slow: number) => ({
      kind: 'template',
      template: 'sma-cross',
      params: { fast, slow, direction: 'long-short' },
    });
    const first = JSON.stringify(runBacktest(goog, spec(10, 30), { finalize: true }));
    for (const [fast, slow] of [
      [3, 7],
      [20, 50],
    ])
      runBacktest(goog, spec(fast, slow), { finalize: true });
    expect(JSON.stringify(runBacktest(goog, spec(10, 30), { finalize: true }))).toBe(first);
  });

  it('checks a series again when its arrays were replaced or changed after a run', () => {
    const series = flatBars(Array.from({ length: 60 }, (_, i) => 100 + Math.sin(i / 3) * 5));
    runBacktest(series, smaCross);
    const broken = { ...series, low: Float64Array.from(series.low) };
    broken.low[0] = 1e9;
    expect(() => runBacktest(broken, smaCross)).toThrow(/High .* < Low/);
    series.close[0] = -1;
    expect(() => runBacktest(series, smaCross)).toThrow(/non-positive price: close = -1/);
    expect(() => runBacktest(series, smaCross)).toThrow(/non-positive price/);
  });
});

describe('warm-up', () => {
  it('runs every warm-up strategy on minute and daily bars without an error', () => {
    expect(() => warmUp()).not.toThrow();
  });
});

describe('remembered valid series and views of them', () => {
  const mapSeries = (s: OhlcvSeries, f: (a: Float64Array) => Float64Array): OhlcvSeries => ({
    time: f(s.time),
    open: f(s.open),
    high: f(s.high),
    low: f(s.low),
    close: f(s.close),
    volume: f(s.volume),
  });
  const bars = (from: number, to: number) => {
    const s = flatBars(Array.from({ length: 200 }, (_, i) => 50 + (i % 17)));
    return { s, view: mapSeries(s, (a) => a.subarray(from, to)) };
  };

  it('knows a validated series and any range of its bars, not other arrays', () => {
    const { s, view } = bars(40, 160);
    expect(isKnownValid(view)).toBe(false);
    runBacktest(s, smaCross);
    expect(isKnownValid(s)).toBe(true);
    expect(isKnownValid(view)).toBe(true);
    const copy = mapSeries(view, (a) => Float64Array.from(a));
    expect(isKnownValid(copy)).toBe(false);
    // Columns cut at different bars are a different series.
    expect(isKnownValid({ ...view, time: s.time.subarray(41, 161) })).toBe(false);
  });

  it('forgets them when the data changes where it is sampled', () => {
    const { s, view } = bars(0, 100);
    runBacktest(s, smaCross);
    s.high[0] = s.low[0] / 2;
    expect(isKnownValid(view)).toBe(false);
    expect(() => runBacktest(view, smaCross)).toThrow(/bar 0: High .* < Low/);
  });
});

describe('validateSeries', () => {
  const row = { time: 0, open: 1, high: 2, low: 0.5, close: 1.5 };
  it.each([
    [[row, { ...row, time: 0 }], 'bar 1: time is not after the previous bar'],
    [[row, { ...row, time: 1, high: 0.4 }], 'bar 1: High (0.4) < Low (0.5)'],
    [[{ ...row, close: 0 }], 'bar 0: non-positive price: close = 0'],
    [[{ ...row, open: NaN }], 'bar 0: open is not a finite number'],
    [[], 'series is empty'],
  ])('%j → %s', (rows, message) => {
    expect(validateSeries(seriesFromRows(rows))).toMatchObject({ ok: false, message });
  });

  it('accepts a clean series and checks lengths', () => {
    expect(validateSeries(goog)).toEqual({ ok: true });
    expect(validateSeries({ ...goog, close: goog.close.subarray(1) })).toMatchObject({
      ok: false,
      index: -1,
    });
  });
});

describe('caches keyed by series arrays', () => {
  it('notice when a buffer is reused for different data', () => {
    const series = parseOhlcvCsv(
      readFileSync(join(__dirname, '../../../data/samples/GOOG_daily_2004-2013.csv'), 'utf8'),
    );
    const before = runBacktest(series, smaCross, { finalize: true }).metrics;
    // Overwrite the same arrays in place: weekly spacing and different prices.
    for (let i = 0; i < series.time.length; i++) series.time[i] = Date.UTC(1990, 0, 1) + i * 7 * 86_400_000;
    series.close.reverse();
    series.open.reverse();
    series.high.reverse();
    series.low.reverse();
    const after = runBacktest(series, smaCross, { finalize: true });
    expect(after.info.periodsPerYear).toBe(52);
    expect(after.metrics.beta).not.toBe(before.beta);
    const fresh = runBacktest(
      { ...series, time: Float64Array.from(series.time), close: Float64Array.from(series.close) },
      smaCross,
      { finalize: true },
    );
    expect(after.metrics).toEqual(fresh.metrics);
  });
});

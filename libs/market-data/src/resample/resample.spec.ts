import fc from 'fast-check';
import { readFileSync } from 'fs';
import { join } from 'path';
import { parseOhlcvFileOrThrow } from '../import/parse-ohlcv-file';
import type { OhlcvSeries } from '../import/ohlcv-series';
import { timeframeToMs } from '../import/timeframe';
import { bucketStart, resample, ResampleError, resampleTargets } from './resample';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

interface Bar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

function toSeries(bars: Bar[]): OhlcvSeries {
  return {
    time: Float64Array.from(bars, (b) => b.time),
    open: Float64Array.from(bars, (b) => b.open),
    high: Float64Array.from(bars, (b) => b.high),
    low: Float64Array.from(bars, (b) => b.low),
    close: Float64Array.from(bars, (b) => b.close),
    volume: Float64Array.from(bars, (b) => b.volume),
  };
}

function toBars(series: OhlcvSeries): Bar[] {
  return Array.from(series.time, (time, i) => ({
    time,
    open: series.open[i],
    high: series.high[i],
    low: series.low[i],
    close: series.close[i],
    volume: series.volume[i],
  }));
}

/** Minute bars with random gaps (1..180 min), valid OHLC and integer volumes (sums stay exact). */
const minuteBars = fc
  .tuple(
    fc.integer({ min: Date.UTC(2020, 0, 1) / MIN, max: Date.UTC(2025, 0, 1) / MIN }),
    fc.array(
      fc.record({
        gap: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 180 })),
        low: fc.integer({ min: 1, max: 100_000 }),
        range: fc.integer({ min: 0, max: 5_000 }),
        openAt: fc.double({ min: 0, max: 1, noNaN: true }),
        closeAt: fc.double({ min: 0, max: 1, noNaN: true }),
        volume: fc.integer({ min: 0, max: 1_000_000 }),
      }),
      { minLength: 1, maxLength: 400 },
    ),
  )
  .map(([startMinute, raw]) => {
    let time = startMinute * MIN;
    return raw.map((r, i): Bar => {
      if (i > 0) time += r.gap * MIN;
      return {
        time,
        low: r.low,
        high: r.low + r.range,
        open: r.low + r.range * r.openAt,
        close: r.low + r.range * r.closeAt,
        volume: r.volume,
      };
    });
  });

const coarser = fc.constantFrom('5m', '15m', '1h', '4h', '1d', '1w');

describe('resample (properties)', () => {
  it('each output bar aggregates exactly the source bars of its UTC bucket', () => {
    fc.assert(
      fc.property(minuteBars, coarser, (bars, target) => {
        const out = toBars(resample(toSeries(bars), target, { sourceTimeframe: '1m' }));
        const tf = timeframeToMs(target);
        const groups = new Map<number, Bar[]>();
        for (const bar of bars) {
          const key = bucketStart(bar.time, tf);
          groups.set(key, [...(groups.get(key) ?? []), bar]);
        }
        expect(out.map((b) => b.time)).toEqual([...groups.keys()]);
        for (const bucket of out) {
          const members = groups.get(bucket.time) as Bar[];
          expect(members.every((m) => m.time >= bucket.time && m.time < bucket.time + tf)).toBe(true);
          expect(bucket.open).toBe(members[0].open);
          expect(bucket.close).toBe(members[members.length - 1].close);
          expect(bucket.high).toBe(Math.max(...members.map((m) => m.high)));
          expect(bucket.low).toBe(Math.min(...members.map((m) => m.low)));
          expect(bucket.volume).toBe(members.reduce((sum, m) => sum + m.volume, 0));
        }
      }),
    );
  });

  it('preserves total volume and never loses a price extreme', () => {
    fc.assert(
      fc.property(minuteBars, coarser, (bars, target) => {
        const input = toSeries(bars);
        const out = resample(input, target, { sourceTimeframe: '1m' });
        const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);
        expect(sum(out.volume)).toBe(sum(input.volume));
        expect(Math.max(...out.high)).toBe(Math.max(...input.high));
        expect(Math.min(...out.low)).toBe(Math.min(...input.low));
        for (let k = 0; k < out.time.length; k++) {
          expect(out.high[k]).toBeGreaterThanOrEqual(Math.max(out.open[k], out.close[k], out.low[k]));
          expect(out.low[k]).toBeLessThanOrEqual(Math.min(out.open[k], out.close[k]));
        }
      }),
    );
  });

  it('buckets are aligned, ascending and unique', () => {
    fc.assert(
      fc.property(minuteBars, coarser, (bars, target) => {
        const out = resample(toSeries(bars), target, { sourceTimeframe: '1m' });
        const tf = timeframeToMs(target);
        const origin = target === '1w' ? 4 * DAY : 0; // Mondays
        for (let k = 0; k < out.time.length; k++) {
          expect((out.time[k] - origin) % tf).toBe(0);
          if (k > 0) expect(out.time[k]).toBeGreaterThan(out.time[k - 1]);
        }
      }),
    );
  });

  it('resampling in steps equals resampling at once', () => {
    fc.assert(
      fc.property(minuteBars, (bars) => {
        const input = toSeries(bars);
        const direct = resample(input, '4h', { sourceTimeframe: '1m' });
        const viaFive = resample(resample(input, '5m', { sourceTimeframe: '1m' }), '1h', {
          sourceTimeframe: '5m',
        });
        const stepped = resample(viaFive, '4h', { sourceTimeframe: '1h' });
        expect(toBars(stepped)).toEqual(toBars(direct));
      }),
    );
  });
});

describe('resample (examples)', () => {
  const minutes = toSeries(
    [0, 1, 2, 3, 4, 5, 9, 61].map((m, i) => ({
      time: Date.UTC(2024, 0, 1, 0, m),
      open: 10 + i,
      high: 20 + i,
      low: 5 + i,
      close: 11 + i,
      volume: 100 * (i + 1),
    })),
  );

  it('aggregates 1m bars into 5m bars', () => {
    expect(toBars(resample(minutes, '5m'))).toEqual([
      { time: Date.UTC(2024, 0, 1, 0, 0), open: 10, high: 24, low: 5, close: 15, volume: 1500 },
      { time: Date.UTC(2024, 0, 1, 0, 5), open: 15, high: 26, low: 10, close: 17, volume: 1300 },
      { time: Date.UTC(2024, 0, 1, 1, 0), open: 17, high: 27, low: 12, close: 18, volume: 800 },
    ]);
  });

  it('1d buckets are UTC days, 1w buckets start on Monday', () => {
    expect(bucketStart(Date.UTC(2024, 0, 3, 23, 59), DAY)).toBe(Date.UTC(2024, 0, 3));
    expect(bucketStart(Date.UTC(2024, 0, 3, 12), 7 * DAY)).toBe(Date.UTC(2024, 0, 1)); // Wed → Mon
    expect(bucketStart(Date.UTC(2024, 0, 7, 23, 59), 7 * DAY)).toBe(Date.UTC(2024, 0, 1)); // Sun → Mon
    expect(bucketStart(Date.UTC(2024, 0, 8), 7 * DAY)).toBe(Date.UTC(2024, 0, 8));
    expect(bucketStart(Date.UTC(1969, 11, 31, 23), DAY)).toBe(Date.UTC(1969, 11, 31));
  });

  it('returns an equal copy for the same timeframe', () => {
    const out = resample(minutes, '1m');
    expect(out.time).not.toBe(minutes.time);
    expect(toBars(out)).toEqual(toBars(minutes));
  });

  it('handles an empty series and a single bar', () => {
    expect(resample(toSeries([]), '1h').time).toHaveLength(0);
    const one = toSeries([
      { time: Date.UTC(2024, 0, 1, 0, 7), open: 1, high: 2, low: 0.5, close: 1.5, volume: 3 },
    ]);
    expect(toBars(resample(one, '1h'))).toEqual([
      { time: Date.UTC(2024, 0, 1), open: 1, high: 2, low: 0.5, close: 1.5, volume: 3 },
    ]);
  });

  it('turns the real BTC-PERP minute file into hourly and daily bars', () => {
    const file = readFileSync(
      join(__dirname, '../../../../data/samples/BTC-PERP_1m_2021-12-31_2022-02-01.csv'),
    );
    const { series } = parseOhlcvFileOrThrow(file);
    const hourly = resample(series, '1h');
    // The file starts at 23:01, so the first hour is partial: 59 bars from 23:01 to 23:59.
    expect(hourly.time[0]).toBe(Date.UTC(2021, 11, 31, 23));
    const firstHour = series.time.findIndex((t) => t >= Date.UTC(2022, 0, 1));
    expect(firstHour).toBe(59);
    expect(hourly.open[0]).toBe(series.open[0]);
    expect(hourly.close[0]).toBe(series.close[58]);
    expect(hourly.high[0]).toBe(Math.max(...series.high.subarray(0, 59)));
    expect(hourly.volume[0]).toBeCloseTo(
      series.volume.subarray(0, 59).reduce((a, b) => a + b, 0),
      6,
    );

    const daily = resample(series, '1d');
    expect(daily.time).toHaveLength(33); // 2021-12-31 .. 2022-02-01
    expect(daily.time[32]).toBe(Date.UTC(2022, 1, 1));
    expect(resample(hourly, '1d', { sourceTimeframe: '1h' }).close).toEqual(daily.close);
  });
});

describe('resample (rejections)', () => {
  const fiveMinute = toSeries(
    [0, 5, 10, 15].map((m) => ({
      time: Date.UTC(2024, 0, 1, 0, m),
      open: 1,
      high: 1,
      low: 1,
      close: 1,
      volume: 1,
    })),
  );

  const codeOf = (fn: () => unknown): string | undefined => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(ResampleError);
      return (error as ResampleError).code;
    }
    return undefined;
  };

  it('refuses a finer target', () => {
    expect(codeOf(() => resample(fiveMinute, '1m'))).toBe('FINER_TARGET');
    expect(() => resample(fiveMinute, '1m')).toThrow(/finer/);
  });

  it('refuses a target that is not a whole multiple of the source', () => {
    expect(codeOf(() => resample(fiveMinute, '7m'))).toBe('NOT_A_MULTIPLE');
    expect(codeOf(() => resample(fiveMinute, '1h', { sourceTimeframe: '45m' }))).toBe('NOT_A_MULTIPLE');
  });

  it('asks for the source timeframe when the spacing does not reveal it', () => {
    const odd = toSeries(
      [0, 7, 14].map((m) => ({
        time: Date.UTC(2024, 0, 1, 0, m),
        open: 1,
        high: 1,
        low: 1,
        close: 1,
        volume: 1,
      })),
    );
    expect(codeOf(() => resample(odd, '1h'))).toBe('UNKNOWN_SOURCE_TIMEFRAME');
    expect(resample(odd, '1h', { sourceTimeframe: '1m' }).time).toHaveLength(1);
  });

  it('refuses unsorted or duplicated times', () => {
    const unsorted = toSeries(toBars(fiveMinute).reverse());
    expect(codeOf(() => resample(unsorted, '15m'))).toBe('UNSORTED_INPUT');
  });

  it('refuses unknown timeframe labels', () => {
    expect(() => resample(fiveMinute, '1y')).toThrow(RangeError);
  });
});

describe('resampleTargets', () => {
  it('lists the supported timeframes a source can be resampled to', () => {
    expect(resampleTargets('1m')).toEqual(['1m', '5m', '15m', '1h', '4h', '1d', '1w']);
    expect(resampleTargets('1h')).toEqual(['1h', '4h', '1d', '1w']);
    expect(resampleTargets('1d')).toEqual(['1d', '1w']);
    expect(resampleTargets('45m')).toEqual(['1d', '1w']);
  });
});

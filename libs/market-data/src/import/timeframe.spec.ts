import {
  detectTimeframe,
  medianGapMs,
  minGapMs,
  msToTimeframeLabel,
  SUPPORTED_TIMEFRAMES,
  timeframeSchema,
  timeframeToMs,
} from './timeframe';

const MIN = 60_000;
const DAY = 86_400_000;

describe('timeframeToMs', () => {
  it.each([
    ['1m', MIN],
    ['5m', 5 * MIN],
    ['15m', 15 * MIN],
    ['1h', 60 * MIN],
    ['4h', 240 * MIN],
    ['1d', DAY],
    ['1w', 7 * DAY],
    ['30m', 30 * MIN],
  ])('%s = %d ms', (tf, ms) => expect(timeframeToMs(tf)).toBe(ms));

  it.each(['', '1', 'm', '0m', '1M', '1y', '5 m', ' 1h'])('rejects %j', (tf) => {
    expect(() => timeframeToMs(tf)).toThrow(RangeError);
  });

  it('lists the supported timeframes finest first', () => {
    expect(SUPPORTED_TIMEFRAMES).toEqual(['1m', '5m', '15m', '1h', '4h', '1d', '1w']);
    const ms = SUPPORTED_TIMEFRAMES.map(timeframeToMs);
    expect([...ms].sort((a, b) => a - b)).toEqual(ms);
  });

  it('has a zod schema for API input', () => {
    expect(timeframeSchema.parse('4h')).toBe('4h');
    expect(timeframeSchema.safeParse('2h').success).toBe(false);
  });

  it('labels durations', () => {
    expect(msToTimeframeLabel(4 * 60 * MIN)).toBe('4h');
    expect(msToTimeframeLabel(14 * DAY)).toBe('2w');
    expect(msToTimeframeLabel(90 * MIN)).toBe('90m');
    expect(msToTimeframeLabel(1500)).toBeNull();
  });
});

describe('detectTimeframe', () => {
  const series = (start: number, gaps: number[]) => {
    const t = [start];
    for (const g of gaps) t.push(t[t.length - 1] + g);
    return Float64Array.from(t);
  };

  it('uses the median gap, so weekends do not turn daily data into something else', () => {
    const week = [DAY, DAY, DAY, DAY, 3 * DAY];
    const t = series(Date.UTC(2024, 0, 1), [...week, ...week, ...week]);
    expect(detectTimeframe(t)).toBe('1d');
    expect(medianGapMs(t)).toBe(DAY);
  });

  it('sees minute bars through gaps', () => {
    expect(detectTimeframe(series(0, [MIN, MIN, 5 * MIN, MIN, 120 * MIN, MIN]))).toBe('1m');
  });

  it.each(SUPPORTED_TIMEFRAMES.map((tf) => [tf]))('detects %s', (tf) => {
    const ms = timeframeToMs(tf);
    expect(detectTimeframe(series(0, [ms, ms, ms, 2 * ms]))).toBe(tf);
  });

  it('tolerates DST-shifted daily stamps but not unsupported spacings', () => {
    expect(detectTimeframe(series(0, [DAY, DAY - 3_600_000, DAY, DAY + 3_600_000]))).toBe('1d');
    expect(detectTimeframe(series(0, [30 * DAY, 31 * DAY, 30 * DAY]))).toBeNull();
    expect(detectTimeframe(series(0, [30 * MIN, 30 * MIN]))).toBeNull();
  });

  it('needs two distinct times', () => {
    expect(detectTimeframe(new Float64Array([5]))).toBeNull();
    expect(detectTimeframe(new Float64Array([]))).toBeNull();
    expect(minGapMs(new Float64Array([5, 5]))).toBeNull();
    expect(minGapMs(series(0, [3 * MIN, MIN, 2 * MIN]))).toBe(MIN);
  });
});

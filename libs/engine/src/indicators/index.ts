import { releaseBytes, releaseF64, takeBytes } from '../scratch';
import type { OhlcvSeries } from '../types';
import { atr } from './atr';
import { bollinger, type BollingerBands } from './bollinger';
import { donchian, type DonchianChannel } from './donchian';
import { ema } from './ema';
import { macd, type MacdLines } from './macd';
import { rsi } from './rsi';
import { crossingBytes, smaCrossings, type Crossings } from './sma-crossings';
import { sma, smaPair } from './sma';
import { crossovers } from '../strategy';

export { atr, bollinger, donchian, ema, macd, rsi, sma, smaPair };
export type { BollingerBands, Crossings, DonchianChannel, MacdLines };
export { rollingMax, rollingMin } from './donchian';
export { rollingStd } from './bollinger';

export type PriceSource = 'open' | 'high' | 'low' | 'close';

export type IndicatorSpec =
  | { name: 'sma'; period: number; source?: PriceSource }
  | { name: 'ema'; period: number; source?: PriceSource }
  | { name: 'rsi'; period: number; source?: PriceSource }
  | { name: 'bollinger'; period: number; k: number; source?: PriceSource }
  | { name: 'macd'; fast: number; slow: number; signal: number; source?: PriceSource }
  | { name: 'atr'; period: number }
  | { name: 'donchian'; period: number };

type IndicatorOutput = {
  sma: Float64Array;
  ema: Float64Array;
  rsi: Float64Array;
  bollinger: BollingerBands;
  macd: MacdLines;
  atr: Float64Array;
  donchian: DonchianChannel;
};

type IndicatorName = IndicatorSpec['name'];
type ParamsOf<N extends IndicatorName> = Omit<Extract<IndicatorSpec, { name: N }>, 'name'>;

/**
 * Computes one indicator over the whole series (O(n)); values before warm-up are NaN.
 * `computeIndicator(series, { name: 'sma', period: 20 })` or `computeIndicator(series, 'sma', { period: 20 })`.
 */
export function computeIndicator<S extends IndicatorSpec>(
  series: OhlcvSeries,
  spec: S,
): IndicatorOutput[S['name']];
export function computeIndicator<N extends IndicatorName>(
  series: OhlcvSeries,
  name: N,
  params: ParamsOf<N>,
): IndicatorOutput[N];
export function computeIndicator(
  series: OhlcvSeries,
  specOrName: IndicatorSpec | IndicatorName,
  params?: object,
): IndicatorOutput[IndicatorName] {
  const spec = (
    typeof specOrName === 'string' ? { ...params, name: specOrName } : specOrName
  ) as IndicatorSpec;
  return new IndicatorCache(series).compute(spec);
}

/**
 * Memoises indicator arrays by kind and parameters, so that a run computes each indicator once and a
 * parameter sweep shares them between combinations (e.g. SMA(20) is computed once for all pairs).
 */
export class IndicatorCache {
  private readonly memo = new Map<string, Float64Array | BollingerBands | MacdLines | DonchianChannel>();
  private readonly firstDefinedMemo = new Map<Float64Array, number>();
  /** Pooled buffers behind arrays this cache handed out; returned by release(). */
  private readonly buffers: ArrayBuffer[] = [];
  private sharedCrossings: ArrayBuffer | undefined;
  /** How many indicator arrays were actually computed (cache misses); for diagnostics and tests. */
  computations = 0;

  /**
   * `keepLines`: every indicator line is computed and kept for reuse (a sweep shares them between
   * combinations). Without it, a strategy that needs only where two lines cross may get just that.
   */
  constructor(
    readonly series: OhlcvSeries,
    private readonly options: { keepLines?: boolean } = {},
  ) {}

  compute(spec: IndicatorSpec): Float64Array | BollingerBands | MacdLines | DonchianChannel {
    switch (spec.name) {
      case 'sma':
        return this.sma(spec.period, spec.source);
      case 'ema':
        return this.ema(spec.period, spec.source);
      case 'rsi':
        return this.rsi(spec.period, spec.source);
      case 'bollinger':
        return this.bollinger(spec.period, spec.k, spec.source);
      case 'macd':
        return this.macd(spec.fast, spec.slow, spec.signal, spec.source);
      case 'atr':
        return this.atr(spec.period);
      case 'donchian':
        return this.donchian(spec.period);
    }
  }

  price(source: PriceSource = 'close'): Float64Array {
    return this.series[source];
  }

  sma(period: number, source: PriceSource = 'close'): Float64Array {
    return this.memoise(`sma:${source}:${period}`, () => sma(this.series[source], period));
  }

  /** sma(p1) and sma(p2), computed together in one pass when neither is cached yet. */
  smaPair(p1: number, p2: number, source: PriceSource = 'close'): [Float64Array, Float64Array] {
    const k1 = `sma:${source}:${p1}`;
    const k2 = `sma:${source}:${p2}`;
    if (p1 !== p2 && !this.memo.has(k1) && !this.memo.has(k2)) {
      const [a, b] = smaPair(this.series[source], p1, p2);
      this.computations += 2;
      this.memo.set(k1, a);
      this.memo.set(k2, b);
    }
    return [this.sma(p1, source), this.sma(p2, source)];
  }

  /**
   * Where SMA(p1) crosses SMA(p2), and the lines (empty when they were not stored) with the bar at
   * which each is first defined. Without `keepLines`, and with neither line cached, one pass
   * computes the crossings alone (see `smaCrossings`). With `keepLines`, the crossing arrays are
   * valid until the next call (a sweep runs one combination at a time).
   */
  smaCrossings(p1: number, p2: number, source: PriceSource = 'close'): Crossings & LinesInfo {
    const cached = this.memo.has(`sma:${source}:${p1}`) || this.memo.has(`sma:${source}:${p2}`);
    if (this.options.keepLines !== true && !cached) {
      // A pooled buffer: a run's crossings are dropped with its cache (release).
      const buffer = takeBytes(crossingBytes(this.series.close.length));
      const crossings = smaCrossings(this.series[source], p1, p2, buffer);
      // The averages of positive values are defined from bar period − 1 on.
      if (crossings !== null) {
        this.buffers.push(buffer);
        return { ...crossings, lines: [], starts: [p1 - 1, p2 - 1] };
      }
      releaseBytes(buffer);
    }
    const lines = this.smaPair(p1, p2, source);
    // A sweep compiles one combination at a time: each reuses the last one's crossing buffer.
    this.sharedCrossings ??= new ArrayBuffer(crossingBytes(this.series.close.length));
    const { up, down, events } = crossovers(lines[0], lines[1], this.sharedCrossings);
    return { up, down, events, lines, starts: [] };
  }

  ema(period: number, source: PriceSource = 'close'): Float64Array {
    return this.memoise(`ema:${source}:${period}`, () => ema(this.series[source], period));
  }

  rsi(period: number, source: PriceSource = 'close'): Float64Array {
    return this.memoise(`rsi:${source}:${period}`, () => rsi(this.series[source], period));
  }

  bollinger(period: number, k: number, source: PriceSource = 'close'): BollingerBands {
    return this.memoise(`bb:${source}:${period}:${k}`, () => bollinger(this.series[source], period, k));
  }

  macd(fast: number, slow: number, signal: number, source: PriceSource = 'close'): MacdLines {
    return this.memoise(`macd:${source}:${fast}:${slow}:${signal}`, () =>
      macd(this.series[source], fast, slow, signal),
    );
  }

  atr(period: number): Float64Array {
    return this.memoise(`atr:${period}`, () =>
      atr(this.series.high, this.series.low, this.series.close, period),
    );
  }

  donchian(period: number): DonchianChannel {
    return this.memoise(`dc:${period}`, () => donchian(this.series.high, this.series.low, period));
  }

  /** First defined index of a line (−1 if it is never defined), remembered for the cache's lifetime. */
  firstDefined(line: Float64Array): number {
    let first = this.firstDefinedMemo.get(line);
    if (first === undefined) {
      first = hasDefinedValue(line) ? firstDefinedIndex(line) : -1;
      this.firstDefinedMemo.set(line, first);
    }
    return first;
  }

  /**
   * Hands the cached arrays back to the engine's buffer pool and empties the cache. Only for
   * caches whose arrays are no longer referenced (runBacktest and sweep call it when done).
   */
  release(): void {
    const own = new Set<Float64Array>([
      this.series.open,
      this.series.high,
      this.series.low,
      this.series.close,
    ]);
    for (const value of this.memo.values()) {
      if (value instanceof Float64Array) {
        if (!own.has(value)) releaseF64(value);
      } else {
        for (const line of Object.values(value) as Float64Array[]) releaseF64(line);
      }
    }
    for (const buffer of this.buffers) releaseBytes(buffer);
    this.buffers.length = 0;
    this.memo.clear();
    this.firstDefinedMemo.clear();
  }

  /** Any derived array (e.g. a shifted series) under a caller-chosen key. */
  memoise<T extends Float64Array | BollingerBands | MacdLines | DonchianChannel>(
    key: string,
    make: () => T,
  ): T {
    let value = this.memo.get(key);
    if (value === undefined) {
      value = make();
      this.computations++;
      this.memo.set(key, value);
    }
    return value as T;
  }
}

export interface LinesInfo {
  /** Indicator lines that were computed (and are cached). */
  lines: Float64Array[];
  /** First defined bar of each line that was not stored. */
  starts: number[];
}

/**
 * Index of the first defined (non-NaN) value, as backtesting.py's warm-up uses it
 * (numpy `argmin(isnan(x))`): 0 when the array has no NaN, and also 0 when it is all NaN.
 */
export function firstDefinedIndex(values: Float64Array): number {
  const n = values.length;
  for (let i = 0; i < n; i++) if (values[i] === values[i]) return i;
  return 0;
}

/** True when the array holds at least one defined value. */
export function hasDefinedValue(values: Float64Array): boolean {
  const n = values.length;
  for (let i = 0; i < n; i++) if (values[i] === values[i]) return true;
  return false;
}

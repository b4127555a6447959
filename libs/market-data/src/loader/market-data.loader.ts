import { validateSeriesOnce } from '@app/engine';
import { AppException } from '@app/common';
import { LruCache, type LruCacheStats } from '../cache/lru-cache';
import type { OhlcvSeries } from '../import/ohlcv-series';
import { isSupportedTimeframe } from '../import/timeframe';
import { symbolNotFound, timeframeUnavailable } from '../market-data.errors';
import { resample, ResampleError, resampleTargets } from '../resample/resample';
import { seriesByteSize } from '../storage/bar-chunk-codec';
import type { MarketDataRepository } from '../storage/market-data.repository';
import type { MarketSymbolEntity } from '../storage/market-symbol.entity';
import { sliceSeriesByTime } from '../storage/series-range';

export const DEFAULT_MARKET_DATA_CACHE_MB = 256;

export type TimeBound = number | Date;

export interface MarketDataLoadRequest {
  /** Either the symbol's id or its ticker (the caller's own dataset wins over a public one). */
  symbolId?: string;
  ticker?: string;
  /** Whose private datasets are visible besides the public ones; omitted/null: public only. */
  ownerId?: string | null;
  /** Defaults to the stored timeframe; coarser ones are resampled (and cached) on request. */
  timeframe?: string;
  /** Inclusive bounds, epoch ms or Date. */
  from?: TimeBound;
  to?: TimeBound;
}

export interface LoadedMarketData {
  /**
   * The bars, ascending. Shared with the cache (ranges are subarray views): treat as read-only.
   */
  series: OhlcvSeries;
  symbol: MarketSymbolEntity;
  datasetVersion: number;
  timeframe: string;
  fromCache: boolean;
}

export interface MarketDataLoaderOptions {
  cacheBytes?: number;
}

interface CacheKey {
  symbolId: string;
  timeframe: string;
  version: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const keyOf = (k: CacheKey) => `${k.symbolId}|${k.timeframe}|${k.version}`;
const symbolOfKey = (key: string) => key.slice(0, key.indexOf('|'));

const toMs = (bound: TimeBound | undefined): number | undefined =>
  bound === undefined ? undefined : bound instanceof Date ? bound.getTime() : bound;

/**
 * Loads whole series into typed arrays for backtests and charts, through an in-process LRU cache keyed
 * by (symbol, timeframe, datasetVersion) and bounded in bytes. Each load costs one primary-key query
 * to read the symbol and its current version; a new version makes older entries unreachable and they
 * are dropped on sight.
 */
export class MarketDataLoader {
  private readonly cache: LruCache<string, OhlcvSeries>;
  private readonly inFlight = new Map<string, Promise<OhlcvSeries>>();
  private readonly latestVersion = new Map<string, number>();

  constructor(
    private readonly repository: MarketDataRepository,
    options: MarketDataLoaderOptions = {},
  ) {
    this.cache = new LruCache({ maxBytes: options.cacheBytes ?? DEFAULT_MARKET_DATA_CACHE_MB * 1024 * 1024 });
  }

  async load(request: MarketDataLoadRequest): Promise<LoadedMarketData> {
    const symbol = await this.resolveSymbol(request);
    const timeframe = request.timeframe ?? symbol.timeframe;
    this.forgetOlderVersions(symbol);

    const key = keyOf({ symbolId: symbol.id, timeframe, version: symbol.datasetVersion });
    let full = this.cache.get(key);
    const fromCache = full !== undefined;
    if (full === undefined) {
      full = await this.loadOnce(key, async () => {
        const built = await this.build(symbol, timeframe);
        // Checked once here, the engine knows every date range sliced from it below is valid too;
        // stored data was validated on import, so a problem is reported by the run that meets it.
        validateSeriesOnce(built);
        return built;
      });
    }

    const from = toMs(request.from);
    const to = toMs(request.to);
    return {
      series: from === undefined && to === undefined ? full : sliceSeriesByTime(full, from, to),
      symbol,
      datasetVersion: symbol.datasetVersion,
      timeframe,
      fromCache,
    };
  }

  /** Drops every cached series of a symbol (after an import or delete in this process). */
  invalidate(symbolId: string): void {
    this.cache.deleteWhere((key) => symbolOfKey(key) === symbolId);
    this.latestVersion.delete(symbolId);
  }

  cacheStats(): LruCacheStats {
    return this.cache.stats();
  }

  clearCache(): void {
    this.cache.clear();
    this.latestVersion.clear();
  }

  private async resolveSymbol(request: MarketDataLoadRequest): Promise<MarketSymbolEntity> {
    const ownerId = request.ownerId ?? null;
    const symbol = await this.findSymbol(request, ownerId);
    if (!symbol || (symbol.ownerId !== null && symbol.ownerId !== ownerId)) throw symbolNotFound();
    return symbol;
  }

  private findSymbol(request: MarketDataLoadRequest, ownerId: string | null): Promise<MarketSymbolEntity | null> {
    if (request.symbolId !== undefined) {
      return UUID.test(request.symbolId) ? this.repository.findSymbolById(request.symbolId) : Promise.resolve(null);
    }
    if (request.ticker !== undefined) return this.repository.findVisibleByTicker(request.ticker, ownerId);
    throw new AppException(400, 'SYMBOL_REQUIRED', 'Pass a symbolId or a ticker');
  }

  private forgetOlderVersions(symbol: MarketSymbolEntity): void {
    const seen = this.latestVersion.get(symbol.id);
    if (seen !== undefined && seen !== symbol.datasetVersion) this.invalidate(symbol.id);
    this.latestVersion.set(symbol.id, symbol.datasetVersion);
  }

  /** Concurrent misses for one key share a single database read. */
  private async loadOnce(key: string, build: () => Promise<OhlcvSeries>): Promise<OhlcvSeries> {
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const promise = build()
      .then((series) => {
        this.cache.set(key, series, seriesByteSize(series));
        return series;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }

  private async build(symbol: MarketSymbolEntity, timeframe: string): Promise<OhlcvSeries> {
    if (timeframe === symbol.timeframe) return this.repository.readSeries(symbol.id, timeframe);
    if (!isSupportedTimeframe(timeframe)) {
      throw timeframeUnavailable(timeframe, symbol.timeframe, 'unknown timeframe');
    }
    if (!resampleTargets(symbol.timeframe).includes(timeframe)) {
      throw timeframeUnavailable(timeframe, symbol.timeframe, 'only coarser whole multiples can be derived');
    }
    const nativeKey = keyOf({ symbolId: symbol.id, timeframe: symbol.timeframe, version: symbol.datasetVersion });
    const native =
      this.cache.get(nativeKey) ??
      (await this.loadOnce(nativeKey, () => this.repository.readSeries(symbol.id, symbol.timeframe)));
    try {
      return resample(native, timeframe, { sourceTimeframe: symbol.timeframe });
    } catch (error) {
      if (error instanceof ResampleError) throw timeframeUnavailable(timeframe, symbol.timeframe, error.message);
      throw error;
    }
  }
}

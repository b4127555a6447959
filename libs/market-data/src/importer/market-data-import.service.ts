import { createHash } from 'node:crypto';
import { AppException } from '@app/common';
import { isSupportedTimeframe, type Timeframe } from '../import/timeframe';
import type { ImportReport } from '../import/import-report';
import { parseOhlcvFile } from '../import/parse-ohlcv-file';
import { ImportRejectedException } from '../market-data.errors';
import type { MarketDataRepository, SymbolMetadata } from '../storage/market-data.repository';
import type { Market, MarketSymbolEntity } from '../storage/market-symbol.entity';

export const TICKER_PATTERN = /^[A-Za-z0-9^][A-Za-z0-9^._=-]{0,31}$/;

export interface MarketDataImportOptions {
  /** Ticker, e.g. `SPY`, `005930.KS`, `^KS11`, `BTC-USD`. */
  symbol: string;
  /** Declared timeframe; detected from the bars when omitted. */
  timeframe?: string;
  name?: string;
  currency?: string;
  market?: Market;
  timezone?: string;
  adjusted?: boolean;
  source?: string;
  /** Owner of a private dataset; null/undefined imports a public dataset. */
  ownerId?: string | null;
  /** Drop invalid rows (reported) instead of rejecting the file. */
  skipInvalid?: boolean;
  /** Leave the dataset untouched when it already holds exactly these bytes at this timeframe. */
  skipIfUnchanged?: boolean;
}

export interface MarketDataImportResult {
  report: ImportReport;
  symbol: MarketSymbolEntity;
  /** True when `skipIfUnchanged` found identical content and nothing was written. */
  unchanged: boolean;
}

/** Called after a dataset changed, so in-process caches can drop it right away. */
export type DatasetChangedListener = (symbolId: string) => void;

function undetectedTimeframe(report: ImportReport): ImportRejectedException {
  const message = 'could not detect the timeframe from the bar spacing; declare it (e.g. 1d or 1m)';
  return new ImportRejectedException({
    ...report,
    imported: 0,
    errors: [{ line: 0, code: 'UNSUPPORTED_TIMEFRAME', message }],
    errorCount: 1,
  });
}

function emptyReport(): ImportReport {
  return {
    rowsRead: 0,
    imported: 0,
    repaired: 0,
    skipped: 0,
    firstDate: null,
    lastDate: null,
    detectedTimeframe: null,
    medianGapMs: null,
    timeframe: null,
    sourceOrder: 'ascending',
    headerless: false,
    delimiter: ',',
    columns: { date: null, timeOfDay: null, open: null, high: null, low: null, close: null, volume: null, adjClose: null, ignored: [] },
    errors: [],
    errorCount: 0,
    repairedLines: [],
    skippedLines: [],
  };
}

/** Parses an OHLCV file and stores it as a dataset, replacing that dataset's bars atomically. */
export class MarketDataImportService {
  constructor(
    private readonly repository: MarketDataRepository,
    private readonly onDatasetChanged: DatasetChangedListener = () => undefined,
  ) {}

  async import(input: Buffer | Uint8Array, options: MarketDataImportOptions): Promise<MarketDataImportResult> {
    const ticker = options.symbol.trim();
    if (!TICKER_PATTERN.test(ticker)) {
      throw new AppException(400, 'INVALID_SYMBOL', `"${ticker.slice(0, 40)}" is not a valid ticker (1-32 letters, digits, ^ . _ = -)`);
    }
    const ownerId = options.ownerId ?? null;
    const contentHash = createHash('sha256').update(input).digest('hex');

    if (options.skipIfUnchanged) {
      const existing = await this.repository.findByTickerAndOwner(ticker, ownerId);
      if (
        existing &&
        existing.contentHash === contentHash &&
        (options.timeframe === undefined || existing.timeframe === options.timeframe)
      ) {
        const symbol = await this.repository.updateMetadata(existing.id, this.metadataOf(options));
        return { report: { ...emptyReport(), imported: existing.barCount }, symbol, unchanged: true };
      }
    }

    const parsed = parseOhlcvFile(input, { timeframe: options.timeframe, skipInvalid: options.skipInvalid });
    if (!parsed.ok) throw new ImportRejectedException(parsed.report);
    const timeframe: Timeframe | null = parsed.report.timeframe;
    if (timeframe === null || !isSupportedTimeframe(timeframe)) {
      throw undetectedTimeframe(parsed.report);
    }

    const symbol = await this.repository.replaceSeries({
      ticker,
      ownerId,
      timeframe,
      contentHash,
      series: parsed.series,
      metadata: this.metadataOf(options),
    });
    this.onDatasetChanged(symbol.id);
    return { report: parsed.report, symbol, unchanged: false };
  }

  private metadataOf(options: MarketDataImportOptions): SymbolMetadata {
    return {
      name: options.name,
      market: options.market,
      currency: options.currency?.toUpperCase(),
      timezone: options.timezone,
      adjusted: options.adjusted,
      source: options.source,
    };
  }
}

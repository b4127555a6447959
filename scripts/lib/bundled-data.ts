import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/common';
import { dataSourceOptions } from '@app/database';
import {
  MarketDataImportService,
  MarketDataRepository,
  type Market,
  type Timeframe,
} from '@app/market-data';

export const BUNDLED_DATA_DIR = join(__dirname, '..', '..', 'data', 'samples');

export interface BundledDataset {
  file: string;
  ticker: string;
  name: string;
  market: Market;
  currency: string;
  timezone: string;
  timeframe: Timeframe;
  /** Whether OHLC are split-adjusted (see data/samples/ATTRIBUTION.md). */
  adjusted: boolean;
  source: string;
  /** Data rows in the file, all of which import. */
  rows: number;
}

/** The real market data shipped with the product, imported as public datasets. */
export const BUNDLED_DATASETS: readonly BundledDataset[] = [
  {
    file: 'GOOG_daily_2004-2013.csv',
    ticker: 'GOOG',
    name: 'Google Inc.',
    market: 'NASDAQ',
    currency: 'USD',
    timezone: 'America/New_York',
    timeframe: '1d',
    adjusted: false,
    source: 'kernc/backtesting.py : backtesting/test/GOOG.csv',
    rows: 2148,
  },
  {
    file: 'SPY_daily_2000-2024.csv',
    ticker: 'SPY',
    name: 'SPDR S&P 500 ETF Trust',
    market: 'NYSE',
    currency: 'USD',
    timezone: 'America/New_York',
    timeframe: '1d',
    adjusted: false,
    source: 'Apress/Statistical-Quantitative-Methods-in-Finance : data/SPY.csv',
    rows: 6067,
  },
  {
    file: 'BTC-USD_daily_2014-2022.csv',
    ticker: 'BTC-USD',
    name: 'Bitcoin / US Dollar',
    market: 'crypto',
    currency: 'USD',
    timezone: 'UTC',
    timeframe: '1d',
    adjusted: false,
    source: 'FeritYikar/bitcoin-daily : data/BTC-USD.csv',
    rows: 2723,
  },
  {
    file: 'BTC_KRW_daily_2017-2023.csv',
    ticker: 'BTC-KRW',
    name: 'Bitcoin / Korean Won',
    market: 'crypto',
    currency: 'KRW',
    timezone: 'Asia/Seoul',
    timeframe: '1d',
    adjusted: false,
    source: 'TEAM-FLOWBIT/COIN_DATA : BTC_KRW.csv (from an investing.com export)',
    rows: 2298,
  },
  {
    file: '005930_Samsung_daily_1990-2023.csv',
    ticker: '005930.KS',
    name: 'Samsung Electronics',
    market: 'KRX',
    currency: 'KRW',
    timezone: 'Asia/Seoul',
    timeframe: '1d',
    adjusted: true,
    source: 'QuantKang/stock_data : D/005930_D.csv',
    rows: 8343,
  },
  {
    file: 'KS11_KOSPI_daily_2021-2023.csv',
    ticker: '^KS11',
    name: 'KOSPI Composite Index',
    market: 'index',
    currency: 'KRW',
    timezone: 'Asia/Seoul',
    timeframe: '1d',
    adjusted: false,
    source: 'hektornerya/datayfinance : ^KS11.csv',
    rows: 656,
  },
  {
    file: 'BTC-PERP_1m_2021-12-31_2022-02-01.csv',
    ticker: 'BTC-PERP',
    name: 'Bitcoin perpetual future (1-minute bars)',
    market: 'crypto',
    currency: 'USD',
    timezone: 'UTC',
    timeframe: '1m',
    adjusted: false,
    source: 'nautechsystems/nautilus_trader : tests/test_data/btc-perp-20211231-20220201_1m.csv',
    rows: 45031,
  },
];

export interface BundledDataOutcome {
  ticker: string;
  symbolId: string;
  bars: number;
  status: 'imported' | 'unchanged';
  ms: number;
}

export interface LoadBundledDataOptions {
  /** An initialised, migrated DataSource; when omitted one is opened on `databaseUrl` (default DATABASE_URL). */
  dataSource?: DataSource;
  databaseUrl?: string;
  dataDir?: string;
  log?: (line: string) => void;
}

/**
 * Imports every bundled file as a public dataset. Idempotent: a dataset whose stored content hash
 * equals the file's is left alone (its descriptive metadata is refreshed), so `npm start` can call
 * this on every boot.
 */
export async function loadBundledData(options: LoadBundledDataOptions = {}): Promise<BundledDataOutcome[]> {
  const dataSource =
    options.dataSource ??
    (await new DataSource(dataSourceOptions(options.databaseUrl ?? loadConfig().DATABASE_URL, 2)).initialize());
  const log = options.log ?? (() => undefined);
  const importer = new MarketDataImportService(new MarketDataRepository(dataSource));
  const outcomes: BundledDataOutcome[] = [];
  try {
    for (const dataset of BUNDLED_DATASETS) {
      const started = performance.now();
      const bytes = readFileSync(join(options.dataDir ?? BUNDLED_DATA_DIR, dataset.file));
      const { symbol, unchanged } = await importer.import(bytes, {
        symbol: dataset.ticker,
        timeframe: dataset.timeframe,
        name: dataset.name,
        market: dataset.market,
        currency: dataset.currency,
        timezone: dataset.timezone,
        adjusted: dataset.adjusted,
        source: dataset.source,
        ownerId: null,
        skipIfUnchanged: true,
      });
      const outcome: BundledDataOutcome = {
        ticker: dataset.ticker,
        symbolId: symbol.id,
        bars: symbol.barCount,
        status: unchanged ? 'unchanged' : 'imported',
        ms: Math.round(performance.now() - started),
      };
      outcomes.push(outcome);
      log(`market data ${outcome.ticker}: ${outcome.status} (${outcome.bars} bars, ${outcome.ms} ms)`);
    }
  } finally {
    if (!options.dataSource) await dataSource.destroy();
  }
  return outcomes;
}

if (require.main === module) {
  loadBundledData({ log: (line) => console.log(line) }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

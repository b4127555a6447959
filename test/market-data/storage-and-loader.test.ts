import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  ImportRejectedException,
  MarketDataImportService,
  MarketDataLoader,
  MarketDataRepository,
  parseOhlcvFileOrThrow,
  resample,
  sliceSeriesByTime,
  type OhlcvSeries,
} from '@app/market-data';
import { BUNDLED_DATASETS, loadBundledData } from '../../scripts/lib/bundled-data';
import { createTestEnv, type TestEnv } from '../support/test-env';
import { fixture, insertUser, sample, SAMPLES_DIR, tableCounts } from './support';

const run = promisify(execFile);

function expectSameSeries(actual: OhlcvSeries, expected: OhlcvSeries): void {
  expect(actual.time.length).toBe(expected.time.length);
  for (const key of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
    expect(Buffer.from(actual[key].buffer, actual[key].byteOffset, actual[key].byteLength).equals(
      Buffer.from(expected[key].buffer, expected[key].byteOffset, expected[key].byteLength),
    )).toBe(true);
  }
}

describe('market data storage, import and loader (real Postgres)', () => {
  let env: TestEnv;
  let repository: MarketDataRepository;
  let importer: MarketDataImportService;
  /** Owners of private datasets: market_symbols.owner_id references users(id). */
  let ownerA: string;
  let ownerB: string;

  beforeAll(async () => {
    env = await createTestEnv();
    repository = new MarketDataRepository(env.dataSource);
    importer = new MarketDataImportService(repository);
    ownerA = await insertUser(env.dataSource, 'Owner A');
    ownerB = await insertUser(env.dataSource, 'Owner B');
  });

  afterAll(async () => {
    await env?.teardown();
  });

  describe('bundled data', () => {
    it('imports every bundled file as a public dataset with the expected row counts', async () => {
      const expected: Record<string, number> = {
        GOOG: 2148,
        SPY: 6067,
        'BTC-USD': 2723,
        'BTC-KRW': 2298,
        '005930.KS': 8343,
        '^KS11': 656,
        'BTC-PERP': 45031,
      };
      const outcomes = await loadBundledData({ dataSource: env.dataSource });
      expect(Object.fromEntries(outcomes.map((o) => [o.ticker, o.bars]))).toEqual(expected);
      expect(outcomes.every((o) => o.status === 'imported')).toBe(true);

      const stored: Array<{ ticker: string; bar_count: number; bars: number; visibility: string; owner_id: null }> =
        await env.dataSource.query(
          `SELECT s.ticker, s.bar_count, s.visibility, s.owner_id, sum(c.count)::int AS bars
             FROM market_symbols s JOIN bar_chunks c ON c.symbol_id = s.id GROUP BY s.id`,
        );
      expect(Object.fromEntries(stored.map((s) => [s.ticker, s.bars]))).toEqual(expected);
      expect(stored.every((s) => s.bar_count === expected[s.ticker] && s.visibility === 'public' && s.owner_id === null)).toBe(true);
    });

    it('records the metadata (name, market, currency, adjusted) of each bundled file', async () => {
      const samsung = await repository.findByTickerAndOwner('005930.KS', null);
      expect(samsung).toMatchObject({
        name: 'Samsung Electronics',
        market: 'KRX',
        currency: 'KRW',
        timezone: 'Asia/Seoul',
        timeframe: '1d',
        adjusted: true,
        firstTime: Date.UTC(1990, 8, 11),
        lastTime: Date.UTC(2023, 11, 22),
      });
      const perp = await repository.findByTickerAndOwner('BTC-PERP', null);
      expect(perp).toMatchObject({ timeframe: '1m', market: 'crypto', adjusted: false });
    });

    it('is idempotent: a second run finds identical content and writes nothing', async () => {
      const before = await env.dataSource.query('SELECT ticker, dataset_version FROM market_symbols ORDER BY ticker');
      const outcomes = await loadBundledData({ dataSource: env.dataSource });
      expect(outcomes.map((o) => o.status)).toEqual(BUNDLED_DATASETS.map(() => 'unchanged'));
      expect(await env.dataSource.query('SELECT ticker, dataset_version FROM market_symbols ORDER BY ticker')).toEqual(before);
    });
  });

  describe('loader', () => {
    it('round-trips every bundled file exactly (stored bars equal the parsed series)', async () => {
      const loader = new MarketDataLoader(repository);
      for (const dataset of BUNDLED_DATASETS) {
        const parsed = parseOhlcvFileOrThrow(sample(dataset.file), { timeframe: dataset.timeframe });
        const loaded = await loader.load({ ticker: dataset.ticker, timeframe: dataset.timeframe });
        expect(loaded.symbol.ticker).toBe(dataset.ticker);
        expectSameSeries(loaded.series, parsed.series);
      }
    });

    it('serves the second load from the cache, and trims ranges by time without copying', async () => {
      const loader = new MarketDataLoader(repository);
      const first = await loader.load({ ticker: 'SPY' });
      const second = await loader.load({ ticker: 'SPY' });
      expect([first.fromCache, second.fromCache]).toEqual([false, true]);
      expect(second.series.close).toBe(first.series.close);
      expect(loader.cacheStats()).toMatchObject({ entries: 1, bytes: 6067 * 6 * 8 });

      const from = Date.UTC(2008, 0, 1);
      const to = Date.UTC(2008, 11, 31);
      const year = await loader.load({ ticker: 'SPY', from, to: new Date(to) });
      expect(year.fromCache).toBe(true);
      expect(year.series.close.buffer).toBe(first.series.close.buffer);
      expect(year.series.time[0]).toBe(Date.UTC(2008, 0, 2));
      expect(year.series.time[year.series.time.length - 1]).toBe(Date.UTC(2008, 11, 31));
      expect(year.series.time.length).toBe(253);
    });

    it('reads a time range from Postgres by picking chunks, equal to trimming the whole series', async () => {
      const symbol = (await repository.findByTickerAndOwner('BTC-PERP', null))!;
      const whole = await repository.readSeries(symbol.id, '1m');
      const from = whole.time[20_000] + 30_000;
      const to = whole.time[40_000];
      const ranged = await repository.readSeries(symbol.id, '1m', from, to);
      expectSameSeries(ranged, sliceSeriesByTime(whole, from, to));
      expect(ranged.time.length).toBe(20_000);
    });

    it('resamples on request and caches the derived series', async () => {
      const loader = new MarketDataLoader(repository);
      const parsed = parseOhlcvFileOrThrow(sample('BTC-PERP_1m_2021-12-31_2022-02-01.csv'));
      const hourly = await loader.load({ ticker: 'BTC-PERP', timeframe: '1h' });
      expectSameSeries(hourly.series, resample(parsed.series, '1h'));
      expect(hourly.timeframe).toBe('1h');
      expect((await loader.load({ ticker: 'BTC-PERP', timeframe: '1h' })).fromCache).toBe(true);
      await expect(loader.load({ ticker: 'SPY', timeframe: '1h' })).rejects.toMatchObject({ code: 'TIMEFRAME_UNAVAILABLE' });
    });

    it('an import bumps the version; the next load misses the cache, in this process and in another', async () => {
      const workerLoader = new MarketDataLoader(repository);
      const inProcessLoader = new MarketDataLoader(repository);
      const notifyingImporter = new MarketDataImportService(repository, (id) => inProcessLoader.invalidate(id));
      const v1 = await notifyingImporter.import(fixture('duplicate-timestamp.csv'), { symbol: 'VERS', timeframe: '1d', skipInvalid: true });
      const a1 = await workerLoader.load({ symbolId: v1.symbol.id });
      await inProcessLoader.load({ symbolId: v1.symbol.id });
      expect(a1.datasetVersion).toBe(1);
      expect(a1.series.time.length).toBe(3);

      const v2 = await notifyingImporter.import(fixture('halted-trading-days.csv'), { symbol: 'VERS', timeframe: '1d' });
      expect(v2.symbol.id).toBe(v1.symbol.id);
      expect(v2.symbol.datasetVersion).toBe(2);
      expect(inProcessLoader.cacheStats().entries).toBe(0);

      const a2 = await workerLoader.load({ symbolId: v1.symbol.id });
      expect(a2.fromCache).toBe(false);
      expect(a2.datasetVersion).toBe(2);
      expect(a2.series.time.length).toBe(5);
      expect(workerLoader.cacheStats().entries).toBe(1); // the version-1 entry was dropped
    });

    it("hides a private dataset from everyone but its owner", async () => {
      const { symbol } = await importer.import(fixture('halted-trading-days.csv'), { symbol: 'MINE', timeframe: '1d', ownerId: ownerA });
      expect(symbol.visibility).toBe('private');
      const loader = new MarketDataLoader(repository);
      expect((await loader.load({ symbolId: symbol.id, ownerId: ownerA })).series.time.length).toBe(5);
      await expect(loader.load({ symbolId: symbol.id, ownerId: ownerB })).rejects.toMatchObject({ code: 'SYMBOL_NOT_FOUND' });
      await expect(loader.load({ symbolId: symbol.id })).rejects.toMatchObject({ code: 'SYMBOL_NOT_FOUND' });
      await expect(loader.load({ ticker: 'MINE', ownerId: ownerB })).rejects.toMatchObject({ code: 'SYMBOL_NOT_FOUND' });
      await expect(loader.load({ symbolId: 'not-a-uuid', ownerId: ownerA })).rejects.toMatchObject({ code: 'SYMBOL_NOT_FOUND' });
      expect((await repository.listVisible(ownerB)).some((s) => s.ticker === 'MINE')).toBe(false);
      expect((await repository.listVisible(ownerA)).some((s) => s.ticker === 'MINE')).toBe(true);
    });

    it("prefers the caller's private dataset over a public one with the same ticker", async () => {
      const { symbol } = await importer.import(fixture('halted-trading-days.csv'), { symbol: 'SPY', timeframe: '1d', ownerId: ownerA });
      const loader = new MarketDataLoader(repository);
      expect((await loader.load({ ticker: 'SPY', ownerId: ownerA })).symbol.id).toBe(symbol.id);
      expect((await loader.load({ ticker: 'SPY', ownerId: ownerB })).series.time.length).toBe(6067);
    });
  });

  describe('import', () => {
    it('repairs trading-halt rows (missing or zero open/high/low become the close)', async () => {
      const { report, symbol } = await importer.import(fixture('halted-trading-days.csv'), { symbol: 'HALT', timeframe: '1d' });
      expect(report).toMatchObject({ imported: 5, repaired: 3, repairedLines: [3, 4, 5] });
      const { series } = await new MarketDataLoader(repository).load({ symbolId: symbol.id });
      expect(Array.from(series.open.subarray(1, 4))).toEqual([53000, 53000, 53000]);
      expect(Array.from(series.low.subarray(1, 4))).toEqual([53000, 53000, 53000]);
    });

    it('rejects a bad file with line numbers and writes nothing', async () => {
      const before = await tableCounts(env.dataSource);
      const error = await importer
        .import(fixture('high-below-low.csv'), { symbol: 'BAD', timeframe: '1d' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportRejectedException);
      const rejected = error as ImportRejectedException;
      expect(rejected.getStatus()).toBe(422);
      expect(rejected.code).toBe('IMPORT_REJECTED');
      expect(rejected.report.errors).toEqual([expect.objectContaining({ line: 3, code: 'HIGH_BELOW_LOW' })]);
      expect(await tableCounts(env.dataSource)).toEqual(before);
      expect(await repository.findByTickerAndOwner('BAD', null)).toBeNull();
    });

    it('a rejected re-import leaves the existing dataset and its version untouched', async () => {
      const { symbol } = await importer.import(fixture('halted-trading-days.csv'), { symbol: 'KEEP', timeframe: '1d' });
      const before = await tableCounts(env.dataSource);
      await expect(importer.import(fixture('duplicate-timestamp.csv'), { symbol: 'KEEP', timeframe: '1d' })).rejects.toBeInstanceOf(
        ImportRejectedException,
      );
      expect(await tableCounts(env.dataSource)).toEqual(before);
      expect((await repository.findSymbolById(symbol.id))?.datasetVersion).toBe(1);
    });

    it('rejects a declared timeframe that contradicts the data', async () => {
      const before = await tableCounts(env.dataSource);
      await expect(
        importer.import(sample('KS11_KOSPI_daily_2021-2023.csv'), { symbol: 'KS', timeframe: '1h' }),
      ).rejects.toMatchObject({ report: expect.objectContaining({ errors: [expect.objectContaining({ code: 'TIMEFRAME_MISMATCH' })] }) });
      expect(await tableCounts(env.dataSource)).toEqual(before);
    });
  });

  describe('CLI (npm run data:import)', () => {
    const cli = (args: string[]) =>
      run(process.execPath, ['-r', '@swc-node/register', join(__dirname, '..', '..', 'scripts', 'data-import.ts'), ...args], {
        cwd: join(__dirname, '..', '..'),
        env: { ...process.env, DATABASE_URL: env.databaseUrl },
      }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
      );

    it('imports a file and prints the report', async () => {
      const result = await cli([join(SAMPLES_DIR, 'KS11_KOSPI_daily_2021-2023.csv'), '--symbol', 'KS11-CLI', '--timeframe', '1d', '--currency', 'krw', '--market', 'index', '--name', 'KOSPI via CLI']);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/imported:\s+656/);
      expect(await repository.findByTickerAndOwner('KS11-CLI', null)).toMatchObject({ currency: 'KRW', market: 'index', barCount: 656, name: 'KOSPI via CLI' });
    }, 60_000);

    it('exits non-zero on a rejected file and lists the problems by line', async () => {
      const before = await tableCounts(env.dataSource);
      const result = await cli([join(__dirname, '..', '..', 'libs/market-data/src/import/fixtures/duplicate-timestamp.csv'), '--symbol', 'DUP', '--timeframe', '1d']);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/line 4: \[DUPLICATE_TIMESTAMP\]/);
      expect(await tableCounts(env.dataSource)).toEqual(before);
    }, 60_000);
  });
});

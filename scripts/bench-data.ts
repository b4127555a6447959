import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/common';
import { createTemporaryDatabase, dataSourceOptions } from '@app/database';
import { emptySeries } from '@app/engine';
import {
  MarketDataImportService,
  MarketDataLoader,
  MarketDataRepository,
  type OhlcvSeries,
} from '@app/market-data';

const BARS = 1_000_000;
const COLD_RUNS = 5;
const WARM_RUNS = 50;
const IMPORT_RUNS = 3;
const ROW_LAYOUT_RUNS = 2;
const MINUTE_FILE = join(__dirname, '..', 'data', 'samples', 'BTC-PERP_1m_2021-12-31_2022-02-01.csv');

/** mulberry32: a small seeded PRNG, so every run benchmarks the same series. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomWalk(bars: number, seed = 42): OhlcvSeries {
  const random = seededRandom(seed);
  const series: OhlcvSeries = emptySeries(bars);
  const start = Date.UTC(2020, 0, 1);
  let price = 100;
  for (let i = 0; i < bars; i++) {
    const open = price;
    price = Math.max(0.01, price * (1 + (random() - 0.5) * 0.004));
    series.time[i] = start + i * 60_000;
    series.open[i] = open;
    series.close[i] = price;
    series.high[i] = Math.max(open, price) * (1 + random() * 0.001);
    series.low[i] = Math.min(open, price) * (1 - random() * 0.001);
    series.volume[i] = Math.round(random() * 10_000);
  }
  return series;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round = (ms: number) => Math.round(ms * 100) / 100;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

function assertSameSeries(a: OhlcvSeries, b: OhlcvSeries): void {
  if (a.time.length !== b.time.length) throw new Error(`length ${a.time.length} != ${b.time.length}`);
  for (const key of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
    for (let i = 0; i < a.time.length; i += 997) {
      if (a[key][i] !== b[key][i]) throw new Error(`${key}[${i}] differs after the round trip`);
    }
  }
}

/** The alternative layout, for comparison: one row per bar, loaded the usual way. */
async function rowPerBar(ds: DataSource, series: OhlcvSeries): Promise<number[]> {
  await ds.query(`CREATE TABLE bench_bar_rows (symbol_id int NOT NULL, time bigint NOT NULL, open float8 NOT NULL,
    high float8 NOT NULL, low float8 NOT NULL, close float8 NOT NULL, volume float8 NOT NULL, PRIMARY KEY (symbol_id, time))`);
  const batch = 100_000;
  for (let i = 0; i < series.time.length; i += batch) {
    const part = (a: Float64Array) => Array.from(a.subarray(i, i + batch));
    await ds.query(
      `INSERT INTO bench_bar_rows SELECT 1, * FROM unnest($1::bigint[], $2::float8[], $3::float8[], $4::float8[], $5::float8[], $6::float8[])`,
      [part(series.time), part(series.open), part(series.high), part(series.low), part(series.close), part(series.volume)],
    );
  }
  await ds.query('ANALYZE bench_bar_rows');
  const runs: number[] = [];
  for (let r = 0; r < ROW_LAYOUT_RUNS; r++) {
    const { ms, value } = await timed(async () => {
      const rows: Array<{ time: string; open: number; high: number; low: number; close: number; volume: number }> =
        await ds.query('SELECT time, open, high, low, close, volume FROM bench_bar_rows WHERE symbol_id = 1 ORDER BY time');
      const n = rows.length;
      const out: OhlcvSeries = emptySeries(n);
      for (let i = 0; i < n; i++) {
        const row = rows[i];
        out.time[i] = Number(row.time);
        out.open[i] = row.open;
        out.high[i] = row.high;
        out.low[i] = row.low;
        out.close[i] = row.close;
        out.volume[i] = row.volume;
      }
      return out;
    });
    assertSameSeries(value, series);
    runs.push(ms);
  }
  return runs;
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const compareLayouts = !process.argv.includes('--no-compare');
  const log = (line: string) => {
    if (!json) console.log(line);
  };
  const db = await createTemporaryDatabase(loadConfig().DATABASE_URL, 'sb_bench');
  const ds = await new DataSource(dataSourceOptions(db.url, 4)).initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    const repository = new MarketDataRepository(ds);
    log(`Generating ${BARS.toLocaleString()} 1m bars (seeded random walk)...`);
    const series = randomWalk(BARS);

    const write = await timed(() =>
      repository.replaceSeries({
        ticker: 'BENCH',
        ownerId: null,
        timeframe: '1m',
        metadata: { name: 'Benchmark random walk', market: 'other' },
        series,
        contentHash: 'bench',
      }),
    );
    const symbol = write.value;

    const cold: number[] = [];
    for (let r = 0; r < COLD_RUNS; r++) {
      const loader = new MarketDataLoader(repository);
      const { ms, value } = await timed(() => loader.load({ symbolId: symbol.id, timeframe: '1m' }));
      if (value.fromCache) throw new Error('cold load hit the cache');
      assertSameSeries(value.series, series);
      cold.push(ms);
    }

    const loader = new MarketDataLoader(repository);
    await loader.load({ symbolId: symbol.id, timeframe: '1m' });
    const warm: number[] = [];
    for (let r = 0; r < WARM_RUNS; r++) {
      const { ms, value } = await timed(() => loader.load({ symbolId: symbol.id, timeframe: '1m' }));
      if (!value.fromCache) throw new Error('warm load missed the cache');
      warm.push(ms);
    }

    const resampled = await timed(() => loader.load({ symbolId: symbol.id, timeframe: '1h' }));

    const importer = new MarketDataImportService(repository);
    const imports: number[] = [];
    for (let r = 0; r < IMPORT_RUNS; r++) {
      const { ms, value } = await timed(() =>
        importer.import(readFileSync(MINUTE_FILE), { symbol: 'BTC-PERP', timeframe: '1m', market: 'crypto' }),
      );
      if (value.report.imported !== 45_031) throw new Error(`imported ${value.report.imported} bars`);
      imports.push(ms);
    }

    const rowRuns = compareLayouts ? await rowPerBar(ds, series) : [];
    const [{ bytes }] = await ds.query(`SELECT pg_total_relation_size('bar_chunks')::bigint AS bytes`);
    const chunkRows = await ds.query('SELECT count(*)::int AS n FROM bar_chunks WHERE symbol_id = $1', [symbol.id]);

    const result: Record<string, number | string> = {
      bars: BARS,
      chunks: chunkRows[0].n,
      write1MBarsMs: round(write.ms),
      load1MBarsColdMs: round(median(cold)),
      load1MBarsColdMinMs: round(Math.min(...cold)),
      load1MBarsColdMaxMs: round(Math.max(...cold)),
      load1MBarsWarmMs: round(median(warm)),
      load1MBarsWarmMaxMs: round(Math.max(...warm)),
      resample1MBarsTo1hMs: round(resampled.ms),
      importMinuteFileMs: round(median(imports)),
      importMinuteFileMaxMs: round(Math.max(...imports)),
      barChunksTableMB: round(Number(bytes) / 1024 / 1024),
    };
    if (rowRuns.length) {
      result.rowPerBarLoad1MColdMs = round(median(rowRuns));
      const [{ rowBytes }] = await ds.query(`SELECT pg_total_relation_size('bench_bar_rows')::bigint AS "rowBytes"`);
      result.rowPerBarTableMB = round(Number(rowBytes) / 1024 / 1024);
    }

    if (json) {
      console.log(JSON.stringify(result));
    } else {
      const rows = [
        ['write 1M bars (columnar chunks)', `${result.write1MBarsMs} ms`, ''],
        ['load 1M bars, cold (Postgres -> typed arrays)', `${result.load1MBarsColdMs} ms`, `median of ${COLD_RUNS}, target <= 500`],
        ['load 1M bars, warm (LRU cache)', `${result.load1MBarsWarmMs} ms`, `median of ${WARM_RUNS}, target <= 5`],
        ['resample 1M 1m bars to 1h (from cache)', `${result.resample1MBarsTo1hMs} ms`, ''],
        ['import BTC-PERP 1m file (45,031 rows)', `${result.importMinuteFileMs} ms`, `median of ${IMPORT_RUNS}, target <= 2000`],
        ['bar_chunks size', `${result.barChunksTableMB} MB`, `${result.chunks} rows for 1M bars`],
      ];
      if (rowRuns.length) {
        rows.push(['load 1M bars, one row per bar', `${result.rowPerBarLoad1MColdMs} ms`, `median of ${ROW_LAYOUT_RUNS}`]);
        rows.push(['one-row-per-bar table size', `${result.rowPerBarTableMB} MB`, '']);
      }
      const width = Math.max(...rows.map((r) => r[0].length));
      console.log('');
      for (const [name, value, note] of rows) console.log(`${name.padEnd(width)}  ${value.padStart(11)}  ${note}`);
    }
  } finally {
    await ds.destroy();
    await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});

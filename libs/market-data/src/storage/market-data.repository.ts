import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { OhlcvSeries } from '../import/ohlcv-series';
import { decodeChunks, encodeChunks, SERIES_COLUMNS, type ChunkColumns } from './bar-chunk-codec';
import { MarketSymbolEntity, type Market } from './market-symbol.entity';
import { sliceSeriesByTime } from './series-range';
import { copyOutBinary, type PgSubmitClient } from './pg-binary-copy';

/** Descriptive fields of a dataset; on re-import only the given ones change. */
export interface SymbolMetadata {
  name?: string;
  market?: Market;
  currency?: string;
  timezone?: string;
  adjusted?: boolean;
  source?: string | null;
}

export interface ReplaceSeriesInput {
  ticker: string;
  /** Null for a public dataset. */
  ownerId: string | null;
  timeframe: string;
  metadata: SymbolMetadata;
  series: OhlcvSeries;
  contentHash: string;
}

const DEFAULT_METADATA = {
  market: 'other' as Market,
  currency: 'USD',
  timezone: 'UTC',
  adjusted: false,
  source: null,
};

// Several chunks per INSERT keeps round trips low without building huge statements.
const CHUNKS_PER_INSERT = 8;

/** Persistence of the catalogue (`market_symbols`) and the columnar bars (`bar_chunks`). */
export class MarketDataRepository {
  constructor(private readonly dataSource: DataSource) {}

  findSymbolById(id: string): Promise<MarketSymbolEntity | null> {
    return this.dataSource.getRepository(MarketSymbolEntity).findOneBy({ id });
  }

  /** Exactly the dataset (ticker, owner): the public one when ownerId is null. */
  findByTickerAndOwner(ticker: string, ownerId: string | null): Promise<MarketSymbolEntity | null> {
    return this.dataSource.getRepository(MarketSymbolEntity).findOneBy({ ticker, ownerId: ownerId ?? IsNull() });
  }

  /** The caller's own dataset with this ticker, else the public one. */
  findVisibleByTicker(ticker: string, ownerId: string | null): Promise<MarketSymbolEntity | null> {
    return this.dataSource
      .getRepository(MarketSymbolEntity)
      .createQueryBuilder('s')
      .where('s.ticker = :ticker', { ticker })
      .andWhere(ownerId ? '(s.owner_id IS NULL OR s.owner_id = :ownerId)' : 's.owner_id IS NULL', { ownerId })
      .orderBy('s.owner_id IS NULL', 'ASC')
      .limit(1)
      .getOne();
  }

  /** Public datasets plus those owned by `ownerId`, public first then by ticker. */
  listVisible(ownerId: string | null): Promise<MarketSymbolEntity[]> {
    return this.dataSource
      .getRepository(MarketSymbolEntity)
      .createQueryBuilder('s')
      .where(ownerId ? '(s.owner_id IS NULL OR s.owner_id = :ownerId)' : 's.owner_id IS NULL', { ownerId })
      .orderBy('s.owner_id IS NULL', 'DESC')
      .addOrderBy('s.ticker', 'ASC')
      .getMany();
  }

  /**
   * The stored bars of a series, optionally only those with from <= time <= to: chunks are picked by
   * their start/end times, fetched in Postgres' binary format (raw bytea, no hex) and trimmed by binary search.
   */
  async readSeries(symbolId: string, timeframe: string, from?: number, to?: number): Promise<OhlcvSeries> {
    const [client, release] = await this.dataSource.driver.obtainMasterConnection();
    let rows: Array<Array<Buffer | null>>;
    try {
      const pg = client as PgSubmitClient;
      // COPY takes no bind parameters: every value is escaped or checked to be an integer here.
      const conditions = [`symbol_id = ${pg.escapeLiteral(symbolId)}::uuid`, `timeframe = ${pg.escapeLiteral(timeframe)}`];
      if (from !== undefined) conditions.push(`end_time >= ${integerLiteral(from)}`);
      if (to !== undefined) conditions.push(`start_time <= ${integerLiteral(to)}`);
      rows = await copyOutBinary(
        pg,
        `SELECT ${SERIES_COLUMNS.join(', ')} FROM bar_chunks WHERE ${conditions.join(' AND ')} ORDER BY chunk_index`,
      );
    } finally {
      release();
    }
    const chunks = rows.map((row) => {
      const chunk = { count: (row[0]?.byteLength ?? 0) / 8 } as ChunkColumns & { count: number };
      SERIES_COLUMNS.forEach((name, i) => (chunk[name] = row[i] ?? Buffer.alloc(0)));
      return chunk;
    });
    const series = decodeChunks(chunks);
    return from === undefined && to === undefined ? series : sliceSeriesByTime(series, from, to);
  }

  /**
   * Creates or updates the dataset (ticker, owner) and replaces its bars in one transaction, bumping
   * datasetVersion. A transaction-scoped advisory lock serialises concurrent imports of one dataset.
   */
  async replaceSeries(input: ReplaceSeriesInput): Promise<MarketSymbolEntity> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `market-data:${input.ownerId ?? 'public'}:${input.ticker}`,
      ]);
      const symbols = manager.getRepository(MarketSymbolEntity);
      const existing = await symbols.findOneBy({ ticker: input.ticker, ownerId: input.ownerId ?? IsNull() });
      const n = input.series.time.length;
      const defined = Object.fromEntries(
        Object.entries(input.metadata).filter(([, value]) => value !== undefined),
      ) as SymbolMetadata;
      const symbol = symbols.create({
        ...(existing ?? { ...DEFAULT_METADATA, name: input.ticker, ticker: input.ticker, datasetVersion: 0 }),
        ...defined,
        ownerId: input.ownerId,
        visibility: input.ownerId === null ? 'public' : 'private',
        timeframe: input.timeframe,
        firstTime: n > 0 ? input.series.time[0] : null,
        lastTime: n > 0 ? input.series.time[n - 1] : null,
        barCount: n,
        contentHash: input.contentHash,
      });
      symbol.datasetVersion = (existing?.datasetVersion ?? 0) + 1;
      const saved = await symbols.save(symbol);
      await manager.query('DELETE FROM bar_chunks WHERE symbol_id = $1', [saved.id]);
      await insertChunks(manager, saved.id, input.timeframe, input.series);
      return saved;
    });
  }

  /** Changes descriptive fields only (no new version: the bars are unchanged). */
  async updateMetadata(id: string, metadata: SymbolMetadata): Promise<MarketSymbolEntity> {
    const repository = this.dataSource.getRepository(MarketSymbolEntity);
    const defined = Object.fromEntries(Object.entries(metadata).filter(([, value]) => value !== undefined));
    if (Object.keys(defined).length > 0) await repository.update({ id }, defined);
    return repository.findOneByOrFail({ id });
  }

  /** Deletes the dataset and (by cascade) its bars. */
  async deleteSymbol(id: string): Promise<boolean> {
    const result = await this.dataSource.getRepository(MarketSymbolEntity).delete({ id });
    return (result.affected ?? 0) > 0;
  }
}

function integerLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite time: ${value}`);
  return String(Math.trunc(value));
}

async function insertChunks(manager: EntityManager, symbolId: string, timeframe: string, series: OhlcvSeries) {
  const chunks = encodeChunks(series);
  const columns = ['symbol_id', 'timeframe', 'chunk_index', 'start_time', 'end_time', 'count', ...SERIES_COLUMNS];
  for (let i = 0; i < chunks.length; i += CHUNKS_PER_INSERT) {
    const batch = chunks.slice(i, i + CHUNKS_PER_INSERT);
    const params: unknown[] = [];
    const tuples = batch.map((chunk) => {
      const values: unknown[] = [symbolId, timeframe, chunk.chunkIndex, chunk.startTime, chunk.endTime, chunk.count];
      for (const name of SERIES_COLUMNS) values.push(chunk[name]);
      return `(${values.map((value) => `$${params.push(value)}`).join(', ')})`;
    });
    await manager.query(`INSERT INTO bar_chunks (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }
}

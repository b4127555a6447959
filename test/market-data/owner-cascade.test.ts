import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MarketDataImportService, MarketDataLoader, MarketDataRepository } from '@app/market-data';
import { createTemporaryDatabase, dataSourceOptions, type TemporaryDatabase } from '@app/database';
import { MIGRATIONS } from '../../migrations';
import { createTestEnv, TEST_DATABASE_SERVER, type TestEnv } from '../support/test-env';
import { fixture, insertUser } from './support';

interface DatasetRow {
  id: string;
  ticker: string;
  owner_id: string | null;
  chunks: number;
  bars: number;
}

/** Every dataset with its stored chunks and bars, and the chunks whose dataset is gone. */
async function datasets(ds: DataSource): Promise<{ rows: DatasetRow[]; strayChunks: number }> {
  const rows: DatasetRow[] = await ds.query(
    `SELECT s.id, s.ticker, s.owner_id, count(c.symbol_id)::int AS chunks, coalesce(sum(c.count), 0)::int AS bars
       FROM market_symbols s LEFT JOIN bar_chunks c ON c.symbol_id = s.id
      GROUP BY s.id ORDER BY s.ticker, s.owner_id NULLS FIRST`,
  );
  const [{ n }] = await ds.query(
    `SELECT count(*)::int AS n FROM bar_chunks c WHERE NOT EXISTS (SELECT 1 FROM market_symbols s WHERE s.id = c.symbol_id)`,
  );
  return { rows, strayChunks: n };
}

const chunksOf = async (ds: DataSource, ids: string[]): Promise<number> =>
  (await ds.query(`SELECT count(*)::int AS n FROM bar_chunks WHERE symbol_id = ANY($1::uuid[])`, [ids]))[0].n;

describe("deleting a user deletes their private datasets (market_symbols.owner_id → users ON DELETE CASCADE)", () => {
  let env: TestEnv;
  let repository: MarketDataRepository;
  let importer: MarketDataImportService;

  beforeAll(async () => {
    env = await createTestEnv();
    repository = new MarketDataRepository(env.dataSource);
    importer = new MarketDataImportService(repository);
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('declares the foreign key with ON DELETE CASCADE', async () => {
    const fks: Array<{ target: string; on_delete: string; columns: string[] }> = await env.dataSource.query(
      `SELECT confrelid::regclass::text AS target, confdeltype AS on_delete,
              array(SELECT attname::text FROM pg_attribute WHERE attrelid = conrelid AND attnum = ANY(conkey)) AS columns
         FROM pg_constraint WHERE conrelid = 'market_symbols'::regclass AND contype = 'f'`,
    );
    expect(fks).toEqual([{ target: 'users', on_delete: 'c', columns: ['owner_id'] }]);
  });

  it("removes the user's private datasets and their bar chunks, and leaves public and other users' datasets alone", async () => {
    const alice = await insertUser(env.dataSource, 'Alice');
    const bob = await insertUser(env.dataSource, 'Bob');
    const halted = fixture('halted-trading-days.csv');
    const publicSpy = (await importer.import(halted, { symbol: 'SPY', timeframe: '1d' })).symbol;
    const alicePrivate = (await importer.import(halted, { symbol: 'MINE', timeframe: '1d', ownerId: alice })).symbol;
    // A private upload that shadows the public ticker.
    const aliceShadow = (await importer.import(halted, { symbol: 'SPY', timeframe: '1d', ownerId: alice })).symbol;
    const bobPrivate = (await importer.import(halted, { symbol: 'MINE', timeframe: '1d', ownerId: bob })).symbol;

    // Alice's backtest on her own dataset: backtests keep a frozen symbol_id/ticker (no FK to market_symbols)
    // and go with their user through backtests.user_id ON DELETE CASCADE, so nothing blocks the delete.
    await env.dataSource.query(
      `INSERT INTO backtests (id, user_id, strategy_name, strategy_spec, options, symbol_id, symbol, timeframe,
                              period_from, period_to, plan, priority, cost)
       VALUES ($1, $2, 'Inline strategy', '{}', '{}', $3, 'MINE', '1d', '2024-01-01', '2024-02-01', 'free', 10, 1)`,
      [randomUUID(), alice, alicePrivate.id],
    );

    const loader = new MarketDataLoader(repository);
    expect((await loader.load({ symbolId: alicePrivate.id, ownerId: alice })).series.time.length).toBe(5);
    const before = await datasets(env.dataSource);
    expect(await chunksOf(env.dataSource, [alicePrivate.id, aliceShadow.id])).toBeGreaterThan(0);

    const deleted = await env.dataSource.query(`DELETE FROM users WHERE id = $1`, [alice]);
    expect(deleted[1]).toBe(1);

    const after = await datasets(env.dataSource);
    expect(await repository.findSymbolById(alicePrivate.id)).toBeNull();
    expect(await repository.findSymbolById(aliceShadow.id)).toBeNull();
    expect(await chunksOf(env.dataSource, [alicePrivate.id, aliceShadow.id])).toBe(0);
    expect(after.strayChunks).toBe(0);
    expect(after.rows).toEqual(before.rows.filter((r) => r.owner_id !== alice));
    expect(after.rows.map((r) => r.id).sort()).toEqual([publicSpy.id, bobPrivate.id].sort());
    expect(after.rows.every((r) => r.chunks > 0 && r.bars === 5)).toBe(true);
    expect((await env.dataSource.query(`SELECT count(*)::int AS n FROM backtests WHERE user_id = $1`, [alice]))[0].n).toBe(0);

    // Even a loader that cached the series resolves the symbol first: the deleted dataset is not found.
    await expect(loader.load({ symbolId: alicePrivate.id, ownerId: alice })).rejects.toMatchObject({ code: 'SYMBOL_NOT_FOUND' });
    expect((await loader.load({ ticker: 'SPY', ownerId: bob })).symbol.id).toBe(publicSpy.id);
    expect((await loader.load({ ticker: 'MINE', ownerId: bob })).symbol.id).toBe(bobPrivate.id);
  });

  it('refuses a private dataset whose owner does not exist', async () => {
    await expect(
      importer.import(fixture('halted-trading-days.csv'), { symbol: 'GHOST', timeframe: '1d', ownerId: randomUUID() }),
    ).rejects.toMatchObject({ driverError: expect.objectContaining({ code: '23503' }) });
    expect(await repository.findByTickerAndOwner('GHOST', null)).toBeNull();
    expect((await env.dataSource.query(`SELECT count(*)::int AS n FROM market_symbols WHERE ticker = 'GHOST'`))[0].n).toBe(0);
  });
});

describe('the MarketSymbolOwnerForeignKey migration on an existing database', () => {
  let db: TemporaryDatabase;

  beforeAll(async () => {
    db = await createTemporaryDatabase(TEST_DATABASE_SERVER, 'sb_test');
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('first deletes orphan private datasets (and their chunks), then adds the constraint', async () => {
    const last = MIGRATIONS[MIGRATIONS.length - 1];
    expect(last.name).toBe('MarketSymbolOwnerForeignKey1795900000003');

    // The schema as it was before this migration: owner_id without a foreign key.
    const old = await new DataSource({ ...dataSourceOptions(db.url, 2), migrations: MIGRATIONS.slice(0, -1) }).initialize();
    let ids: { publicId: string; ownedId: string; orphanIds: string[]; owner: string };
    try {
      expect(await old.runMigrations({ transaction: 'each' })).toHaveLength(MIGRATIONS.length - 1);
      const importer = new MarketDataImportService(new MarketDataRepository(old));
      const owner = await insertUser(old, 'Still here');
      const gone = randomUUID();
      const halted = fixture('halted-trading-days.csv');
      const publicId = (await importer.import(halted, { symbol: 'PUB', timeframe: '1d' })).symbol.id;
      const ownedId = (await importer.import(halted, { symbol: 'MINE', timeframe: '1d', ownerId: owner })).symbol.id;
      const orphanIds = [
        (await importer.import(halted, { symbol: 'MINE', timeframe: '1d', ownerId: gone })).symbol.id,
        (await importer.import(halted, { symbol: 'PUB', timeframe: '1d', ownerId: gone })).symbol.id,
      ];
      expect(await chunksOf(old, orphanIds)).toBe(2);
      ids = { publicId, ownedId, orphanIds, owner };
    } finally {
      await old.destroy();
    }

    const current = await new DataSource(dataSourceOptions(db.url, 2)).initialize();
    try {
      const applied = await current.runMigrations({ transaction: 'each' });
      expect(applied.map((m) => m.name)).toEqual([last.name]);
      const { rows, strayChunks } = await datasets(current);
      expect(rows.map((r) => r.id).sort()).toEqual([ids.publicId, ids.ownedId].sort());
      expect(rows.every((r) => r.chunks === 1 && r.bars === 5)).toBe(true);
      expect(await chunksOf(current, ids.orphanIds)).toBe(0);
      expect(strayChunks).toBe(0);

      await current.query(`DELETE FROM users WHERE id = $1`, [ids.owner]);
      expect((await datasets(current)).rows.map((r) => r.id)).toEqual([ids.publicId]);
    } finally {
      await current.destroy();
    }
  });
});

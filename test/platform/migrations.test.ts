import { DataSource } from 'typeorm';
import { createTemporaryDatabase, dataSourceOptions, schemaDiff, type TemporaryDatabase } from '@app/database';
import { MIGRATIONS } from '../../migrations';
import { TEST_DATABASE_SERVER } from '../support/test-env';

describe('migrations', () => {
  let db: TemporaryDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTemporaryDatabase(TEST_DATABASE_SERVER, 'sb_mig');
    ds = await new DataSource(dataSourceOptions(db.url, 2)).initialize();
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('run on an empty database, and the entities need nothing more (no drift)', async () => {
    const applied = await ds.runMigrations({ transaction: 'each' });
    expect(applied).toHaveLength(MIGRATIONS.length);
    const diff = await schemaDiff(ds);
    if (diff.up.length) {
      throw new Error(`Entities and migrations drift apart; run npm run migration:generate -- <Name>:\n${diff.up.join(';\n')}`);
    }
  });

  it('revert cleanly, all the way down, and apply again', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    const tables: Array<{ table_name: string }> = await ds.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'typeorm_migrations'`,
    );
    expect(tables).toEqual([]);
    expect(await ds.runMigrations({ transaction: 'each' })).toHaveLength(MIGRATIONS.length);
  });
});

import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/common';
import { dataSourceOptions } from '@app/database';
import { loadBundledData } from './lib/bundled-data';
import { describeDemoAccounts, seedDemoData } from './seed';

/** Migrates the database, seeds the demo accounts and loads the bundled market data. Idempotent: `npm start` runs it every time. */
async function main(): Promise<void> {
  const config = loadConfig();
  const ds = await new DataSource(dataSourceOptions(config.DATABASE_URL, 4)).initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    console.log(applied.length ? `Applied ${applied.length} migration(s).` : 'The database schema is up to date.');
    const seeded = await seedDemoData(ds);
    console.log(seeded.created.length ? `Created demo accounts: ${seeded.created.join(', ')}` : 'Demo accounts already exist.');
    await loadBundledData({ dataSource: ds, log: (line) => console.log(line) });
    console.log(`\nDemo accounts (role, email, password):\n${describeDemoAccounts()}\n`);
  } finally {
    await ds.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

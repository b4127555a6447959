import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/common';
import { createTemporaryDatabase, dataSourceOptions, renderMigration, schemaDiff } from '@app/database';

async function withDataSource<T>(url: string, fn: (ds: DataSource) => Promise<T>): Promise<T> {
  const ds = await new DataSource(dataSourceOptions(url, 2)).initialize();
  try {
    return await fn(ds);
  } finally {
    await ds.destroy();
  }
}

/** Diffs the entities against a fresh database with every committed migration applied, not against a dev database. */
async function generate(serverUrl: string, name: string | undefined): Promise<void> {
  if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error('usage: npm run migration:generate -- <PascalCaseName>');
  const temp = await createTemporaryDatabase(serverUrl, 'sb_gen');
  try {
    const diff = await withDataSource(temp.url, async (ds) => {
      await ds.runMigrations({ transaction: 'each' });
      return schemaDiff(ds);
    });
    if (diff.up.length === 0) return console.log('The entities match the migrations: nothing to generate.');
    const timestamp = Date.now();
    const file = join(__dirname, '..', 'migrations', `${timestamp}-${name}.ts`);
    writeFileSync(file, renderMigration(name, timestamp, diff));
    console.log(`Wrote ${file}. Add it to migrations/index.ts.`);
  } finally {
    await temp.drop();
  }
}

async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  const url = loadConfig().DATABASE_URL;
  if (command === 'run') {
    const ran = await withDataSource(url, (ds) => ds.runMigrations({ transaction: 'each' }));
    console.log(ran.length ? `Applied ${ran.map((m) => m.name).join(', ')}` : 'No pending migrations.');
  } else if (command === 'revert') {
    await withDataSource(url, (ds) => ds.undoLastMigration({ transaction: 'each' }));
    console.log('Reverted the last migration.');
  } else if (command === 'generate') {
    await generate(url, name);
  } else {
    throw new Error('usage: migrate.ts run | revert | generate <Name>');
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

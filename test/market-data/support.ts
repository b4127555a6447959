import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';

export const SAMPLES_DIR = join(__dirname, '..', '..', 'data', 'samples');
export const FIXTURES_DIR = join(__dirname, '..', '..', 'libs', 'market-data', 'src', 'import', 'fixtures');

export const sample = (file: string) => readFileSync(join(SAMPLES_DIR, file));
export const fixture = (file: string) => readFileSync(join(FIXTURES_DIR, file));

/** Rows in the two market-data tables, to prove a rejected import wrote nothing. */
export async function tableCounts(dataSource: DataSource): Promise<{ symbols: number; chunks: number; bars: number }> {
  const [row] = await dataSource.query(
    `SELECT (SELECT count(*) FROM market_symbols)::int AS symbols,
            (SELECT count(*) FROM bar_chunks)::int AS chunks,
            (SELECT coalesce(sum(count), 0) FROM bar_chunks)::int AS bars`,
  );
  return row;
}

/**
 * A bare `users` row, straight in SQL: no signup bonus, so no wallet or ledger entry (both RESTRICT a
 * user's deletion) and the user can be deleted with a plain DELETE. Private datasets need a real owner.
 */
export async function insertUser(dataSource: DataSource, displayName = 'Trader'): Promise<string> {
  const email = `md-${Date.now().toString(36)}${randomBytes(4).toString('hex')}@test.stratbench.dev`;
  const [{ id }] = await dataSource.query(
    `INSERT INTO users (email, password_hash, display_name) VALUES ($1, 'not-a-hash', $2) RETURNING id`,
    [email, displayName],
  );
  return id;
}

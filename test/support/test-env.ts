import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { createTemporaryDatabase, dataSourceOptions, type TemporaryDatabase } from '@app/database';

/** The Postgres server and Redis that tests use; `npm test` sets these after finding or starting both. */
export const TEST_DATABASE_SERVER = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestEnv {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  /** Environment for the app under test or for child processes (API, worker). */
  env: Record<string, string>;
  dataSource: DataSource;
  redis: Redis;
  teardown(): Promise<void>;
}

/**
 * A migrated database of its own and a Redis key prefix of its own for one test file,
 * applied to process.env so that modules reading loadConfig() see them.
 */
export async function createTestEnv(extraEnv: Record<string, string> = {}): Promise<TestEnv> {
  const db: TemporaryDatabase = await createTemporaryDatabase(TEST_DATABASE_SERVER, 'sb_test');
  const dataSource = await new DataSource(dataSourceOptions(db.url, 4)).initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  const redisPrefix = `t${randomBytes(5).toString('hex')}`;
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: db.url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    WEB_DIST: 'test/support/web-fixture',
    ...extraEnv,
  };
  Object.assign(process.env, env);
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  return {
    databaseUrl: db.url,
    redisUrl: TEST_REDIS_URL,
    redisPrefix,
    env,
    dataSource,
    redis,
    async teardown() {
      await dataSource.destroy();
      await deleteKeys(redis, `${redisPrefix}:*`);
      redis.disconnect();
      await db.drop();
    },
  };
}

export async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.unlink(...keys);
  } while (cursor !== '0');
}

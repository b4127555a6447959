import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, REDIS, type AppConfig } from '@app/common';
import { leaderboardKeys } from './leaderboard-keys';
import { announceLeaderboardVersion } from './local-pages';
import { RedisLock } from './redis-lock';

export const LEADERBOARD_VIEW = 'strategy_performance_agg';
const LOCK_TTL_MS = 60_000;
/** A holder re-runs at most this often for refreshes that were asked for while it ran. */
const MAX_ROUNDS = 3;

export type LeaderboardRefreshResult =
  | { status: 'refreshed'; durationMs: number; version: number; rounds: number }
  | { status: 'skipped'; reason: 'in_progress'; version: number };

/**
 * Refreshes the materialized view CONCURRENTLY (readers are never blocked), one refresher at a time
 * across every API and worker process (a Redis lock). A refresh that finds the lock taken does not
 * wait: it leaves a "pending" mark, and the holder runs one more round after its own, so data that
 * arrived after the holder's snapshot is not missed. Each round bumps the version, invalidating the cache.
 */
@Injectable()
export class LeaderboardRefresher {
  private readonly logger = new Logger(LeaderboardRefresher.name);
  private readonly keys: ReturnType<typeof leaderboardKeys>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.keys = leaderboardKeys(config.REDIS_PREFIX);
  }

  async refresh(): Promise<LeaderboardRefreshResult> {
    const lock = await RedisLock.acquire(this.redis, this.keys.refreshLock, LOCK_TTL_MS);
    if (!lock) {
      await this.redis.set(this.keys.refreshPending, '1', 'PX', LOCK_TTL_MS);
      return { status: 'skipped', reason: 'in_progress', version: await this.currentVersion() };
    }
    try {
      const started = performance.now();
      let rounds = 0;
      let version = 0;
      do {
        await this.redis.del(this.keys.refreshPending);
        await this.refreshView();
        version = await this.redis.incr(this.keys.version);
        announceLeaderboardVersion(this.config.REDIS_PREFIX, version);
        rounds++;
      } while (rounds < MAX_ROUNDS && (await this.redis.exists(this.keys.refreshPending)));
      const durationMs = Math.round(performance.now() - started);
      this.logger.log(`leaderboard refreshed in ${durationMs} ms (version ${version}, ${rounds} round(s))`);
      return { status: 'refreshed', durationMs, version, rounds };
    } finally {
      await lock.release().catch((error: Error) => this.logger.warn(`could not release the refresh lock: ${error.message}`));
    }
  }

  async currentVersion(): Promise<number> {
    return Number((await this.redis.get(this.keys.version)) ?? 0);
  }

  private async refreshView(): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      // The DISTINCT ON sort over every completed backtest fits in memory instead of spilling to disk.
      await m.query(`SET LOCAL work_mem = '256MB'`);
      await m.query(`REFRESH MATERIALIZED VIEW CONCURRENTLY ${LEADERBOARD_VIEW}`);
    });
    // Fresh statistics at once (autovacuum gets to it later): with stale row counts the planner sorts
    // the whole view instead of walking the sort index, ~3 times slower per page.
    await this.dataSource.query(`ANALYZE ${LEADERBOARD_VIEW}`);
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { REDIS } from './redis.tokens';

/**
 * The leaderboard's cache version: every cached leaderboard page lives under it, so bumping it
 * invalidates them all (a refresh does; so do changes to what a page shows of a strategy or its author).
 */
export const leaderboardVersionKey = (prefix: string) => `${prefix}:leaderboard:version`;

/**
 * For the modules that change what leaderboard pages show (a strategy made private, renamed or deleted,
 * an author's new display name): every API process drops its cached pages within 0.5 s (see
 * libs/leaderboard/README.md) instead of showing the old ones until the next refresh.
 */
@Injectable()
export class LeaderboardCacheInvalidator {
  private readonly logger = new Logger('LeaderboardCache');

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async invalidate(): Promise<void> {
    try {
      await this.redis.incr(leaderboardVersionKey(this.config.REDIS_PREFIX));
    } catch (err) {
      // The change itself is saved; cached pages then expire at the next refresh of the aggregate.
      this.logger.warn(`leaderboard cache not invalidated: ${(err as Error).message}`);
    }
  }
}

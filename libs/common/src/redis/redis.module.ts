import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';

import { LeaderboardCacheInvalidator } from './leaderboard-version';
import { REDIS } from './redis.tokens';

export { REDIS };

/** Options for connections that BullMQ may block on: it requires maxRetriesPerRequest null. */
export function bullRedisOptions() {
  return {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    lazyConnect: false,
    connectionName: 'stratbench',
  } as const;
}

const logger = new Logger('Redis');

export function createRedis(config: Pick<AppConfig, 'REDIS_URL'>, name = 'stratbench'): Redis {
  const redis = new Redis(config.REDIS_URL, { ...bullRedisOptions(), connectionName: name });
  redis.on('error', (err: Error) => logger.warn(`${name}: ${err.message}`));
  return redis;
}

@Global()
@Module({
  providers: [
    { provide: REDIS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createRedis(config) },
    LeaderboardCacheInvalidator,
  ],
  exports: [REDIS, LeaderboardCacheInvalidator],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

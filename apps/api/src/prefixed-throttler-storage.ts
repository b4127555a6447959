import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type Redis from 'ioredis';

const logger = new Logger('Redis');

/**
 * Rate-limit counters under `${REDIS_PREFIX}:throttle:`, like every other key of the platform, so that
 * deployments (and test files) sharing one Redis do not share them. The parent names its keys
 * `{<hash>:<throttler>}:hits`; a connection of its own with an ioredis keyPrefix puts the prefix in front
 * and leaves the `{...}` hash tag, which keeps both keys of its script in one Redis Cluster slot.
 */
export class PrefixedThrottlerStorage extends ThrottlerStorageRedisService implements OnApplicationShutdown {
  constructor(redis: Redis, redisPrefix: string) {
    const prefixed = redis.duplicate({ keyPrefix: `${redisPrefix}:throttle:`, connectionName: 'stratbench-throttle' });
    prefixed.on('error', (err: Error) => logger.warn(`stratbench-throttle: ${err.message}`));
    super(prefixed);
  }

  // Closed after the HTTP server (not on module destroy, as the parent would) so requests still in flight
  // can be counted.
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

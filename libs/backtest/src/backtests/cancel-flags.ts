import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, REDIS, type AppConfig } from '@app/common';

const FLAG_TTL_SECONDS = 24 * 3600;

/** "Please stop" flags for running backtests: set by the API, polled by the worker at each step. */
@Injectable()
export class CancelFlags {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private key(backtestId: string): string {
    return `${this.config.REDIS_PREFIX}:backtest:cancel:${backtestId}`;
  }

  async request(backtestId: string): Promise<void> {
    await this.redis.set(this.key(backtestId), '1', 'EX', FLAG_TTL_SECONDS);
  }

  async isRequested(backtestId: string): Promise<boolean> {
    return (await this.redis.exists(this.key(backtestId))) === 1;
  }

  async clear(backtestId: string): Promise<void> {
    await this.redis.del(this.key(backtestId));
  }
}

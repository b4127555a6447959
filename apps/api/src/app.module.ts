import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';
import { ThrottlerModule } from '@nestjs/throttler';
import type Redis from 'ioredis';
import {
  APP_CONFIG,
  AppConfigModule,
  AppLoggerModule,
  HttpExceptionFilter,
  QueueInfraModule,
  REDIS,
  RedisModule,
  loadConfig,
  type AppConfig,
} from '@app/common';
import { AuthModule, UserThrottlerGuard } from '@app/auth';
import { CreditsModule } from '@app/credits';
import { DatabaseModule } from '@app/database';
import { BacktestModule } from '@app/backtest';
import { LeaderboardModule } from '@app/leaderboard';
import { MarketDataApiModule } from '@app/market-data';
import { PaymentsModule } from '@app/payments';
import { RefundsModule } from '@app/refunds';
import { HealthModule } from './health/health.module';
import { RealtimeModule } from './realtime/realtime.module';
import { QueueBoardModule } from './queue-dashboard/queue-board.module';
import { PrefixedThrottlerStorage } from './prefixed-throttler-storage';

const NOT_SPA = ['/api/{*path}', '/docs', '/docs-json', '/docs/{*path}', '/health', '/health/{*path}', '/admin/queues', '/admin/queues/{*path}', '/socket.io/{*path}'];

@Module({
  imports: [
    AppConfigModule,
    AppLoggerModule,
    RedisModule,
    DatabaseModule,
    QueueInfraModule,
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG, REDIS],
      useFactory: (config: AppConfig, redis: Redis) => ({
        throttlers: [{ name: 'default', ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE }],
        storage: new PrefixedThrottlerStorage(redis, config.REDIS_PREFIX),
      }),
    }),
    ServeStaticModule.forRootAsync({
      useFactory: () => [{ rootPath: join(process.cwd(), loadConfig().WEB_DIST), exclude: NOT_SPA }],
    }),
    // First of the feature modules: routes register in module order, and BacktestModule's
    // GET /strategies/:id (also imported by other modules) must not catch GET /strategies/leaderboard.
    LeaderboardModule,
    AuthModule,
    CreditsModule,
    PaymentsModule,
    RefundsModule,
    MarketDataApiModule,
    HealthModule,
    RealtimeModule,
    BacktestModule,
    QueueBoardModule,
  ],
  providers: [
    { provide: APP_GUARD, useClass: UserThrottlerGuard },
    { provide: APP_FILTER, useClass: HttpExceptionFilter },
  ],
})
export class AppModule {}

import { Module } from '@nestjs/common';
import { AppConfigModule, AppLoggerModule, QueueInfraModule, RedisModule } from '@app/common';
import { DatabaseModule } from '@app/database';
import { BacktestWorkerModule } from '@app/backtest';
import { LeaderboardWorkerModule } from '@app/leaderboard';
import { RefundsWorkerModule } from '@app/refunds';
import { MaintenanceProcessor } from './maintenance.processor';

/** The worker process: no HTTP, only BullMQ processors and schedulers over the shared Postgres and Redis. */
@Module({
  imports: [
    AppConfigModule,
    AppLoggerModule,
    RedisModule,
    DatabaseModule,
    QueueInfraModule,
    BacktestWorkerModule,
    LeaderboardWorkerModule,
    RefundsWorkerModule,
  ],
  providers: [MaintenanceProcessor],
})
export class WorkerModule {}

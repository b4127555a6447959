import { Module } from '@nestjs/common';
import { AppConfigModule, AppLoggerModule, QueueInfraModule, RedisModule } from '@app/common';
import { DatabaseModule } from '@app/database';

/** The worker process: no HTTP, only BullMQ processors and schedulers over the shared Postgres and Redis. */
@Module({
  imports: [AppConfigModule, AppLoggerModule, RedisModule, DatabaseModule, QueueInfraModule],
})
export class WorkerModule {}

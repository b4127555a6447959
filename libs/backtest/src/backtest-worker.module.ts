import { Inject, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { BullModule, InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { APP_CONFIG, QUEUE_NAMES, type AppConfig } from '@app/common';
import { BacktestCoreModule } from './backtest-core.module';
import { BacktestReconciler } from './worker/backtest-reconciler.service';
import { BacktestRunner } from './worker/backtest-runner.service';
import { BacktestProcessor } from './worker/backtest.processor';

export const RECONCILE_SCHEDULER_ID = 'backtests.reconcile';

/**
 * The worker side: the `backtests` processor and the reconciler. The reconciler runs as the
 * `backtests.reconcile` job of the `maintenance` queue (a job scheduler, so one run per interval
 * across all workers); the worker app's maintenance processor calls BacktestReconciler.reconcile().
 */
@Module({
  imports: [BacktestCoreModule, BullModule.registerQueue({ name: QUEUE_NAMES.maintenance })],
  providers: [BacktestRunner, BacktestProcessor, BacktestReconciler],
  exports: [BacktestReconciler],
})
export class BacktestWorkerModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BacktestWorkerModule.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectQueue(QUEUE_NAMES.maintenance) private readonly maintenance: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.schedule();
    // Re-assert the schedule now and then: a Redis that restarted empty has forgotten it.
    this.timer = setInterval(() => void this.schedule(), Math.max(60_000, 4 * this.config.BACKTEST_RECONCILE_INTERVAL_MS));
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async schedule(): Promise<void> {
    try {
      await this.maintenance.upsertJobScheduler(
        RECONCILE_SCHEDULER_ID,
        { every: this.config.BACKTEST_RECONCILE_INTERVAL_MS },
        { name: 'backtests.reconcile', data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
      );
    } catch (error) {
      this.logger.warn(`could not schedule the backtest reconciler: ${(error as Error).message}`);
    }
  }
}

import { Inject, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { BullModule, InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { APP_CONFIG, QUEUE_NAMES, type AppConfig } from '@app/common';
import { RefundReconciler } from './processing/refund-reconciler.service';
import { RefundsProcessor } from './processing/refunds.processor';
import { RefundsCoreModule } from './refunds-core.module';

export const REFUND_RECONCILE_SCHEDULER_ID = 'refunds.reconcile';

/**
 * The worker side: the `refunds` processor and the reconciler. The reconciler runs as the
 * `refunds.reconcile` job of the `maintenance` queue (a job scheduler: one run per interval across all
 * workers); the worker app's maintenance processor calls RefundReconciler.reconcile().
 */
@Module({
  imports: [RefundsCoreModule, BullModule.registerQueue({ name: QUEUE_NAMES.maintenance })],
  providers: [RefundsProcessor, RefundReconciler],
  exports: [RefundReconciler],
})
export class RefundsWorkerModule implements OnApplicationBootstrap {
  private readonly logger = new Logger(RefundsWorkerModule.name);

  constructor(
    @InjectQueue(QUEUE_NAMES.maintenance) private readonly maintenance: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.maintenance.upsertJobScheduler(
        REFUND_RECONCILE_SCHEDULER_ID,
        { every: this.config.REFUND_RECONCILE_INTERVAL_MS },
        { name: 'refunds.reconcile', data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
      );
    } catch (error) {
      this.logger.warn(`could not schedule the refund reconciler: ${(error as Error).message}`);
    }
  }
}

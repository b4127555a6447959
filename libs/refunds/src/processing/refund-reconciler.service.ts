import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/common';
import { RefundRequestEntity } from '../entities/refund-request.entity';
import { RefundExecutor } from './refund-executor.service';
import { refundJobId } from './refund-keys';
import { RefundQueue } from './refund-queue';

export interface RefundReconcileReport {
  checked: number;
  approved: number;
  requeued: number;
}

const BATCH = 200;
const RUNNING_STATES = new Set(['active', 'waiting', 'waiting-children', 'delayed', 'prioritized']);

/**
 * The `refunds.reconcile` maintenance job. For every refund left `processing` (a crashed worker, a
 * job that ran out of attempts) or `pending` without a job (a lost enqueue), older than the grace
 * period: reads the payment back and settles it when its cancel is there (exactly once: the
 * settlement is conditional), otherwise makes sure a job will try again with the same key.
 */
@Injectable()
export class RefundReconciler {
  private readonly logger = new Logger(RefundReconciler.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly executor: RefundExecutor,
    private readonly queue: RefundQueue,
  ) {}

  async reconcile(): Promise<RefundReconcileReport> {
    const refunds = await this.dataSource
      .getRepository(RefundRequestEntity)
      .createQueryBuilder('r')
      .where(`r.status IN ('processing', 'pending')`)
      .andWhere(`r.updated_at < now() - make_interval(secs => :grace::double precision / 1000)`, { grace: this.config.REFUND_RECONCILE_GRACE_MS })
      .orderBy('r.updated_at', 'ASC')
      .limit(BATCH)
      .getMany();
    const report: RefundReconcileReport = { checked: refunds.length, approved: 0, requeued: 0 };
    for (const refund of refunds) {
      try {
        const outcome = await this.reconcileOne(refund);
        if (outcome === 'approved') report.approved++;
        if (outcome === 'requeued') report.requeued++;
      } catch (error) {
        this.logger.warn(`could not reconcile refund ${refund.id}: ${(error as Error).message}`);
      }
    }
    if (report.approved || report.requeued) this.logger.log(`reconciled refunds: ${JSON.stringify(report)}`);
    return report;
  }

  private async reconcileOne(refund: RefundRequestEntity): Promise<'approved' | 'requeued' | 'ok'> {
    if (refund.status === 'processing') {
      const found = await this.executor.readBackAndSettle(refund, 'reconciler');
      if (found) return found === 'approved' ? 'approved' : 'ok';
    }
    const job = await this.queue.queue.getJob(refundJobId(refund.id, refund.gatewayAttempt));
    const state = job ? await job.getState() : 'missing';
    if (RUNNING_STATES.has(state)) return 'ok';
    // Finished or lost without settling the row: run it again under the same gateway key.
    if (job) await job.remove().catch(() => undefined);
    await this.queue.enqueue(refund);
    return 'requeued';
  }
}

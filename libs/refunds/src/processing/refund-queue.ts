import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { QueueEventsProducer, type JobsOptions, type Queue } from 'bullmq';
import { APP_CONFIG, QUEUE_NAMES, bullConnection, type AppConfig, type JobData } from '@app/common';
import { REFUND_STREAM_EVENT, type RefundStreamFields } from '../events/refund-events';
import type { RefundRequestEntity } from '../entities/refund-request.entity';
import { refundJobId } from './refund-keys';

export type RefundProcessData = JobData<'refunds', 'refund.process'>;
export const REFUND_PROCESS_JOB = 'refund.process' as const;

type Announced = Pick<RefundRequestEntity, 'id' | 'userId' | 'paymentKey' | 'status' | 'refundAmount' | 'failureCode'>;

/** The `refunds` queue and its event stream, as the API, the worker and the reconciler use them. */
@Injectable()
export class RefundQueue implements OnModuleDestroy {
  private readonly logger = new Logger(RefundQueue.name);
  private producer?: QueueEventsProducer;

  constructor(
    @InjectQueue(QUEUE_NAMES.refunds) readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  jobOptions(refund: Pick<RefundRequestEntity, 'id' | 'gatewayAttempt'>): JobsOptions {
    return {
      jobId: refundJobId(refund.id, refund.gatewayAttempt),
      attempts: this.config.REFUND_ATTEMPTS,
      backoff: { type: 'exponential', delay: this.config.REFUND_BACKOFF_MS },
      // Kept a while so that a late duplicate add (reconciler, replayed request) stays a no-op.
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
    };
  }

  async enqueue(refund: Pick<RefundRequestEntity, 'id' | 'gatewayAttempt'>): Promise<void> {
    const data: RefundProcessData = { refundId: refund.id };
    await this.queue.add(REFUND_PROCESS_JOB, data, this.jobOptions(refund));
  }

  /** After the commit; a lost enqueue is healed by the reconciler, so a failure only logs. */
  async enqueueOrLeaveToReconciler(refund: Pick<RefundRequestEntity, 'id' | 'gatewayAttempt'>): Promise<boolean> {
    try {
      await this.enqueue(refund);
      return true;
    } catch (error) {
      this.logger.warn(`enqueue of refund ${refund.id} failed (the reconciler will retry): ${(error as Error).message}`);
      return false;
    }
  }

  /** Announces a status change; the API's realtime bridge emits `refund.updated` to the owner. Never throws. */
  async announce(refund: Announced): Promise<void> {
    try {
      this.producer ??= new QueueEventsProducer(QUEUE_NAMES.refunds, {
        connection: bullConnection(this.config.REDIS_URL),
        prefix: this.config.REDIS_PREFIX,
      });
      const fields: RefundStreamFields = {
        jobId: refund.id,
        userId: refund.userId,
        paymentKey: refund.paymentKey,
        status: refund.status,
        refundAmount: String(refund.refundAmount),
        failureCode: refund.failureCode ?? '',
        emittedAt: String(Date.now()),
      };
      await this.producer.publishEvent({ eventName: REFUND_STREAM_EVENT, ...fields });
    } catch (error) {
      this.logger.warn(`could not announce refund ${refund.id}: ${(error as Error).message}`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.producer?.close().catch(() => undefined);
  }
}

import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { QueueEventsProducer, type JobsOptions, type Queue } from 'bullmq';
import {
  APP_CONFIG,
  PLAN_PRIORITY,
  QUEUE_NAMES,
  bullConnection,
  type AppConfig,
  type JobData,
} from '@app/common';
import { BACKTEST_STREAM_EVENTS, type BacktestStreamEvent } from '../events/backtest-events';
import type { BacktestEntity } from './backtest.entity';

export type BacktestRunData = JobData<'backtests', 'backtest.run'>;
export const BACKTEST_RUN_JOB = 'backtest.run' as const;
export const BACKTEST_ATTEMPTS = 3;

/** BullMQ options of a backtest job: its id is the backtest id, so adding it twice is a no-op. */
export function backtestJobOptions(
  backtest: Pick<BacktestEntity, 'id' | 'plan'>,
  backoffMs: number,
): JobsOptions {
  return {
    jobId: backtest.id,
    priority: PLAN_PRIORITY[backtest.plan],
    attempts: BACKTEST_ATTEMPTS,
    backoff: { type: 'exponential', delay: backoffMs },
    // Finished jobs stay a while so a late duplicate add (reconciler, idempotent retry) stays a no-op.
    removeOnComplete: { age: 3600, count: 10_000 },
    removeOnFail: { age: 24 * 3600, count: 10_000 },
  };
}

/** The `backtests` queue as the API and the reconciler use it. */
@Injectable()
export class BacktestQueue implements OnModuleDestroy {
  private readonly logger = new Logger(BacktestQueue.name);
  private producer?: QueueEventsProducer;

  constructor(
    @InjectQueue(QUEUE_NAMES.backtests) readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // Without a listener BullMQ prints every connection error; readiness reports Redis outages instead.
    queue.on('error', (error: Error) => this.logger.debug(`backtests queue: ${error.message}`));
  }

  async enqueue(backtest: Pick<BacktestEntity, 'id' | 'plan' | 'userId'>): Promise<void> {
    const data: BacktestRunData = { backtestId: backtest.id, userId: backtest.userId };
    await this.queue.add(
      BACKTEST_RUN_JOB,
      data,
      backtestJobOptions(backtest, this.config.BACKTEST_BACKOFF_MS),
    );
  }

  /** Enqueue after the commit; a failure here is healed by the reconciler, so it only logs. */
  async enqueueOrLeaveToReconciler(
    backtest: Pick<BacktestEntity, 'id' | 'plan' | 'userId'>,
  ): Promise<boolean> {
    try {
      await this.enqueue(backtest);
      return true;
    } catch (error) {
      this.logger.warn(
        `enqueue of backtest ${backtest.id} failed (the reconciler will retry): ${(error as Error).message}`,
      );
      return false;
    }
  }

  /**
   * Publishes a custom event (`backtest.canceled`, or `backtest.failed` for a job the reconciler
   * settles) on the queue's event stream, next to BullMQ's own progress/completed/failed events, so
   * every API instance learns of it the same way.
   */
  async publish(
    eventName: BacktestStreamEvent,
    backtestId: string,
    userId: string,
    extra: Record<string, string> = {},
  ): Promise<void> {
    if (!this.producer) {
      this.producer = new QueueEventsProducer(QUEUE_NAMES.backtests, {
        connection: bullConnection(this.config.REDIS_URL),
        prefix: this.config.REDIS_PREFIX,
      });
      this.producer.on('error', (error: Error) =>
        this.logger.debug(`backtest events producer: ${error.message}`),
      );
    }
    await this.producer
      .publishEvent({ eventName, jobId: backtestId, userId, emittedAt: String(Date.now()), ...extra })
      .catch((error: Error) =>
        this.logger.warn(`could not publish ${eventName} of ${backtestId}: ${error.message}`),
      );
  }

  publishCanceled(backtestId: string, userId: string): Promise<void> {
    return this.publish(BACKTEST_STREAM_EVENTS.canceled, backtestId, userId);
  }

  async onModuleDestroy(): Promise<void> {
    await this.producer?.close().catch(() => undefined);
  }
}

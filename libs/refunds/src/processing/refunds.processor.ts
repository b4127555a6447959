import { Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QUEUE_NAMES } from '@app/common';
import { RefundExecutor, type ProcessOutcome } from './refund-executor.service';
import type { RefundProcessData } from './refund-queue';

/**
 * Consumes `refunds` (jobs `refund.process`). An unknown outcome throws, so BullMQ retries with
 * exponential backoff under the same gateway key; after the last attempt the row stays `processing`
 * and the reconciler takes over.
 */
@Processor(QUEUE_NAMES.refunds, { concurrency: 5 })
export class RefundsProcessor extends WorkerHost {
  private readonly logger = new Logger(RefundsProcessor.name);

  constructor(private readonly executor: RefundExecutor) {
    super();
  }

  async process(job: Job<RefundProcessData>): Promise<{ outcome: ProcessOutcome }> {
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    try {
      return { outcome: await this.executor.process(job.data.refundId, { finalAttempt }) };
    } catch (error) {
      this.logger.warn(`${(error as Error).message}${finalAttempt ? ' (last attempt: left to the reconciler)' : ''}`);
      throw error;
    }
  }
}

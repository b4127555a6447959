import { Logger } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QUEUE_NAMES } from '@app/common';
import type { BacktestJobOutcome } from '../events/backtest-events';
import type { BacktestRunData } from '../backtests/backtest-queue';
import { BacktestSettlement } from '../backtests/backtest-settlement.service';
import { BacktestRunner } from './backtest-runner.service';
import { backtestWorkerOptions } from './backtest-worker-options';

/** Consumes `backtests` (jobs `backtest.run`); any number of worker processes may run it. */
@Processor(QUEUE_NAMES.backtests, backtestWorkerOptions())
export class BacktestProcessor extends WorkerHost {
  private readonly logger = new Logger(BacktestProcessor.name);

  constructor(
    private readonly runner: BacktestRunner,
    private readonly settlement: BacktestSettlement,
  ) {
    super();
  }

  process(job: Job<BacktestRunData>): Promise<BacktestJobOutcome> {
    return this.runner.run(job);
  }

  /**
   * Backstop for final failures the processor never saw (e.g. "stalled more than allowable limit"):
   * the settlement is conditional and its refund idempotent, so a second call changes nothing.
   */
  @OnWorkerEvent('failed')
  async onFailed(job: Job<BacktestRunData> | undefined, error: Error): Promise<void> {
    if (!job) return;
    try {
      if ((await job.getState()) !== 'failed') return;
      await this.settlement.finishWithRefund(job.data.backtestId, 'failed', ['pending', 'active'], {
        message: job.failedReason || error.message,
        code: 'BACKTEST_FAILED',
      });
    } catch (e) {
      this.logger.warn(
        `could not settle failed backtest ${job.data.backtestId}: ${(e as Error).message} (the reconciler will)`,
      );
    }
  }
}

import { Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QUEUE_NAMES, type JobName } from '@app/common';
import { BacktestReconciler } from '@app/backtest';
import { LeaderboardRefresher } from '@app/leaderboard';
import { RefundReconciler } from '@app/refunds';

type MaintenanceHandler = () => Promise<unknown>;

/**
 * The one consumer of the `maintenance` queue in a worker process. BullMQ hands any job of a queue to
 * any of its workers, so modules must not each run their own processor on it: they register a
 * handler here by job name instead (refunds.reconcile, leaderboard.refresh: add yours to `handlers`).
 */
@Processor(QUEUE_NAMES.maintenance, { concurrency: 1 })
export class MaintenanceProcessor extends WorkerHost {
  private readonly logger = new Logger(MaintenanceProcessor.name);
  private readonly handlers: Partial<Record<JobName<'maintenance'>, MaintenanceHandler>>;

  constructor(backtests: BacktestReconciler, leaderboard: LeaderboardRefresher, refunds: RefundReconciler) {
    super();
    this.handlers = {
      'backtests.reconcile': () => backtests.reconcile(),
      'leaderboard.refresh': () => leaderboard.refresh(),
      'refunds.reconcile': () => refunds.reconcile(),
    };
  }

  async process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as JobName<'maintenance'>];
    if (!handler) {
      this.logger.warn(`no handler for maintenance job ${job.name}`);
      throw new Error(`no handler for maintenance job ${job.name}`);
    }
    return handler();
  }
}

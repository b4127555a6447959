import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/common';
import type { Plan } from '@app/auth';
import { BACKTEST_STREAM_EVENTS } from '../events/backtest-events';
import { BACKTEST_ATTEMPTS, BacktestQueue } from '../backtests/backtest-queue';
import { BacktestSettlement } from '../backtests/backtest-settlement.service';
import type { BacktestStatus } from '../backtests/backtest.entity';
import { returning } from '../backtests/sql';

interface UnfinishedRow {
  id: string;
  user_id: string;
  plan: Plan;
  status: Extract<BacktestStatus, 'pending' | 'active'>;
  attempts: number;
}

export interface ReconcileReport {
  checked: number;
  requeued: number;
  failed: number;
}

const BATCH = 500;
const RUNNING_STATES = new Set(['active', 'waiting', 'waiting-children', 'delayed', 'prioritized']);

/**
 * Heals the gap between Postgres (the truth about jobs and money) and Redis (the queue):
 * - pending in Postgres but missing from Redis (crash between commit and enqueue, Redis restart): re-enqueued
 *   under the same job id, so a duplicate add is a no-op;
 * - active in Postgres but gone from Redis: back to pending and re-enqueued, or failed + refunded after
 *   the last attempt;
 * - unfinished in Postgres but failed (or completed without a result) in BullMQ: failed + refunded once.
 */
@Injectable()
export class BacktestReconciler {
  private readonly logger = new Logger(BacktestReconciler.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: BacktestQueue,
    private readonly settlement: BacktestSettlement,
  ) {}

  async reconcile(): Promise<ReconcileReport> {
    const rows: UnfinishedRow[] = await this.dataSource.query(
      `SELECT id, user_id, plan, status, attempts FROM backtests
        WHERE status IN ('pending', 'active') AND updated_at < now() - make_interval(secs => $1::double precision / 1000)
        ORDER BY updated_at LIMIT ${BATCH}`,
      [this.config.BACKTEST_RECONCILE_GRACE_MS],
    );
    const report: ReconcileReport = { checked: rows.length, requeued: 0, failed: 0 };
    for (const row of rows) {
      try {
        const outcome = await this.reconcileOne(row);
        if (outcome === 'requeued') report.requeued++;
        if (outcome === 'failed') report.failed++;
      } catch (error) {
        this.logger.warn(`could not reconcile backtest ${row.id}: ${(error as Error).message}`);
      }
    }
    if (report.requeued || report.failed) this.logger.log(`reconciled backtests: ${JSON.stringify(report)}`);
    return report;
  }

  private async reconcileOne(row: UnfinishedRow): Promise<'ok' | 'requeued' | 'failed'> {
    const job = await this.queue.queue.getJob(row.id);
    const state = job ? await job.getState() : 'missing';
    if (RUNNING_STATES.has(state)) return 'ok';

    if (state === 'missing' || state === 'unknown') {
      if (row.status === 'active' && row.attempts >= BACKTEST_ATTEMPTS) {
        return this.fail(row, 'The job was lost from the queue after its last attempt', 'LOST');
      }
      if (row.status === 'active') {
        const reset = await returning(
          this.dataSource.manager,
          `UPDATE backtests SET status = 'pending', progress = 0, progress_step = NULL, updated_at = now()
            WHERE id = $1 AND status = 'active' RETURNING id`,
          [row.id],
        );
        if (reset.length === 0) return 'ok';
      }
      await this.queue.enqueue({ id: row.id, userId: row.user_id, plan: row.plan });
      return 'requeued';
    }
    // failed, or completed without completing the row (never expected): settle it.
    const reason =
      state === 'failed'
        ? job?.failedReason || 'The job failed'
        : `The job ended as ${state} without a result`;
    return this.fail(row, reason, state === 'failed' ? 'BACKTEST_FAILED' : 'LOST');
  }

  private async fail(row: UnfinishedRow, message: string, code: string): Promise<'ok' | 'failed'> {
    const settled = await this.settlement.finishWithRefund(row.id, 'failed', ['pending', 'active'], {
      message,
      code,
    });
    if (!settled) return 'ok';
    // BullMQ announced a failed job itself; a lost one is announced here.
    if (code === 'LOST')
      await this.queue.publish(BACKTEST_STREAM_EVENTS.failed, row.id, row.user_id, { error: message });
    return 'failed';
  }
}

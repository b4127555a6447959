import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CreditsService } from '@app/credits';
import type { BacktestStatus } from './backtest.entity';
import { returning } from './sql';

export interface SettledBacktest {
  id: string;
  userId: string;
  cost: number;
}

export const refundKey = (backtestId: string) => `backtest_refund:${backtestId}`;
export const chargeKey = (backtestId: string) => `backtest_charge:${backtestId}`;

/**
 * Ends a backtest without a result and gives its credits back, in one transaction. The status change
 * is conditional (only from the given statuses) and the refund's idempotency key is per backtest, so
 * whoever gets there first (API cancel, worker, reconciler) settles it and every other caller is a no-op.
 */
@Injectable()
export class BacktestSettlement {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly credits: CreditsService,
  ) {}

  async finishWithRefund(
    backtestId: string,
    to: Extract<BacktestStatus, 'failed' | 'canceled'>,
    from: BacktestStatus[],
    reason?: { message: string; code: string },
  ): Promise<SettledBacktest | null> {
    return this.dataSource.transaction(async (m) => {
      const [row] = await returning<{ id: string; user_id: string; cost: number }>(
        m,
        `UPDATE backtests
            SET status = $2, finished_at = now(), updated_at = now(),
                error = COALESCE($4, error), error_code = COALESCE($5, error_code)
          WHERE id = $1 AND status = ANY($3)
          RETURNING id, user_id, cost`,
        [backtestId, to, from, reason?.message.slice(0, 1000) ?? null, reason?.code.slice(0, 64) ?? null],
      );
      if (!row) return null;
      await this.credits.grant(
        {
          userId: row.user_id,
          amount: row.cost,
          reason: 'backtest_refund',
          reference: { type: 'backtest', id: backtestId },
          idempotencyKey: refundKey(backtestId),
        },
        m,
      );
      return { id: row.id, userId: row.user_id, cost: row.cost };
    });
  }
}

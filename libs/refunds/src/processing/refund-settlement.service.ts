import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/common';
import { CreditsService } from '@app/credits';
import type { Payment, PaymentCancel } from '@app/payments';
import { RefundRequestEntity } from '../entities/refund-request.entity';
import { clawbackLedgerKey } from './refund-keys';
import { RefundQueue } from './refund-queue';

export type CompletionPath = 'worker' | 'reconciler';

/**
 * Records the outcome of a refund at the gateway. Completion is conditional on the row still being
 * `processing` under its row lock, and the clawback is keyed by the refund, so whichever path gets
 * there first (the worker, a retried job, the reconciler) records it and the others change nothing.
 *
 * Clawback rule: the cancel has already happened (the money went back), so the credits fixed at
 * request time are taken back with `allowPartial` — the balance never goes negative — and any credits
 * spent in between are recorded as `clawbackShortfall` for support to follow up.
 */
@Injectable()
export class RefundSettlement {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly credits: CreditsService,
    private readonly audit: AuditService,
    private readonly queue: RefundQueue,
  ) {}

  /** True when this call approved the refund; false when it was already settled. */
  async approve(refundId: string, payment: Payment, cancel: PaymentCancel, via: CompletionPath): Promise<boolean> {
    const approved = await this.dataSource.transaction(async (m) => {
      const refund = await lockRefund(m, refundId);
      if (!refund || (refund.status !== 'processing' && refund.status !== 'pending')) return null;
      const before = { status: refund.status, clawedBackCredits: refund.clawedBackCredits };

      // Never moves the payment back to a larger cancellable balance (a webhook may have been first).
      await m.query(
        `UPDATE payments SET status = $2, balance_amount = $3, updated_at = now()
          WHERE payment_key = $1 AND balance_amount >= $3`,
        [refund.paymentKey, payment.status, payment.balanceAmount],
      );

      let clawed = 0;
      if (refund.refundableCredits > 0) {
        const result = await this.credits.clawback(
          {
            userId: refund.userId,
            amount: refund.refundableCredits,
            idempotencyKey: clawbackLedgerKey(refund.id),
            reference: { type: 'refund', id: refund.id },
            note: `Refund of payment ${refund.paymentKey}`,
            allowPartial: true,
          },
          m,
        );
        clawed = result.entry ? Math.abs(result.entry.amount) : 0;
      }

      await m.query(
        `UPDATE refund_requests
            SET status = 'approved', pg_refund_id = $2, clawed_back_credits = $3, clawback_shortfall = $4,
                completed_via = $5, failure_code = NULL, failure_message = NULL, finished_at = now(), updated_at = now()
          WHERE id = $1`,
        [refund.id, cancel.transactionKey, clawed, refund.refundableCredits - clawed, via],
      );
      await this.audit.record(
        {
          actorId: null,
          action: 'refund.complete',
          targetType: 'refund',
          targetId: refund.id,
          before,
          after: { status: 'approved', pgRefundId: cancel.transactionKey, clawedBackCredits: clawed, shortfall: refund.refundableCredits - clawed, via },
        },
        m,
      );
      return m.getRepository(RefundRequestEntity).findOneByOrFail({ id: refund.id });
    });
    if (approved) await this.queue.announce(approved);
    return approved !== null;
  }

  /** A definite refusal: `failed` with the gateway's code. False when it was no longer processing. */
  async fail(refundId: string, code: string, message: string, via: CompletionPath): Promise<boolean> {
    const failed = await this.dataSource.transaction(async (m) => {
      const refund = await lockRefund(m, refundId);
      if (!refund || refund.status !== 'processing') return null;
      await m.query(
        `UPDATE refund_requests SET status = 'failed', failure_code = $2, failure_message = $3, completed_via = $4, finished_at = now(), updated_at = now()
          WHERE id = $1`,
        [refund.id, code.slice(0, 100), message.slice(0, 500), via],
      );
      await this.audit.record(
        { actorId: null, action: 'refund.fail', targetType: 'refund', targetId: refund.id, before: { status: refund.status }, after: { status: 'failed', failureCode: code } },
        m,
      );
      return m.getRepository(RefundRequestEntity).findOneByOrFail({ id: refund.id });
    });
    if (failed) await this.queue.announce(failed);
    return failed !== null;
  }
}

async function lockRefund(m: EntityManager, refundId: string): Promise<RefundRequestEntity | null> {
  return m.getRepository(RefundRequestEntity).findOne({ where: { id: refundId }, lock: { mode: 'pessimistic_write' } });
}

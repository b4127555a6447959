import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/common';
import { PaymentGatewayError, isDefiniteRefusal, type Payment } from '@app/payments';
import { RefundRequestEntity } from '../entities/refund-request.entity';
import { RefundGatewayClient } from './refund-gateway-client';
import { cancelReason, findRefundCancel } from './refund-keys';
import { RefundQueue } from './refund-queue';
import { RefundSettlement, type CompletionPath } from './refund-settlement.service';
import { returning } from './sql';

/** Refused, yet nothing was applied and the same request may pass later: retry with the same key. */
const TRANSIENT_REFUSALS = new Set(['FORBIDDEN_CONSECUTIVE_REQUEST']);

export type ProcessOutcome = 'approved' | 'failed' | 'skipped';

/** The outcome at the gateway is not known yet; the job is retried (same key) or left to the reconciler. */
export class RefundOutcomeUnknownError extends Error {
  constructor(
    readonly refundId: string,
    readonly code: string,
    message: string,
  ) {
    super(`refund ${refundId}: outcome unknown (${code}): ${message}`);
    this.name = 'RefundOutcomeUnknownError';
  }
}

/**
 * Runs one refund against the gateway. Safe to run any number of times, concurrently too: the cancel
 * always carries the key stored on the row (Toss answers a repeat with the first answer), a cancel
 * sent before is looked for by reading the payment back first, and the settlement is conditional.
 */
@Injectable()
export class RefundExecutor {
  private readonly logger = new Logger(RefundExecutor.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly client: RefundGatewayClient,
    private readonly settlement: RefundSettlement,
    private readonly queue: RefundQueue,
  ) {}

  async process(refundId: string, opts: { finalAttempt: boolean }): Promise<ProcessOutcome> {
    const claimed = await this.claim(refundId);
    if (!claimed) return 'skipped';
    const { refund, started } = claimed;
    if (started) await this.queue.announce(refund);

    // An earlier call with this key may have gone through (timeout, crash): look before calling again.
    if (await this.client.cancelSent(refund.id, refund.gatewayIdempotencyKey)) {
      const found = await this.readBackAndSettle(refund, 'worker').catch(() => null);
      if (found) return found;
    }

    let payment: Payment;
    try {
      payment = await this.client.cancel(refund.id, refund.paymentKey, this.cancelParams(refund), refund.gatewayIdempotencyKey);
    } catch (error) {
      return this.onCancelError(refund, error, opts);
    }
    this.crashForTests();

    const cancel = findRefundCancel(payment, refund, await this.otherTransactionKeys(refund));
    if (!cancel) {
      // A success answer without our cancel in it should not happen; never guess, read back later.
      throw new RefundOutcomeUnknownError(refund.id, 'CANCEL_NOT_IN_RESPONSE', 'The gateway answered without this refund’s cancel');
    }
    return (await this.settlement.approve(refund.id, payment, cancel, 'worker')) ? 'approved' : 'skipped';
  }

  /**
   * Reads the payment back and settles the refund if its cancel is there. Null when it is not there
   * (or already settled elsewhere); throws when the payment cannot be read.
   */
  async readBackAndSettle(refund: RefundRequestEntity, via: CompletionPath): Promise<ProcessOutcome | null> {
    const payment = await this.client.getPayment(refund.id, refund.paymentKey);
    const cancel = findRefundCancel(payment, refund, await this.otherTransactionKeys(refund));
    if (!cancel) return null;
    this.logger.log(`refund ${refund.id}: cancel ${cancel.transactionKey} found by reading the payment back (${via})`);
    return (await this.settlement.approve(refund.id, payment, cancel, via)) ? 'approved' : 'skipped';
  }

  private async onCancelError(refund: RefundRequestEntity, error: unknown, opts: { finalAttempt: boolean }): Promise<ProcessOutcome> {
    if (isDefiniteRefusal(error) && !TRANSIENT_REFUSALS.has(error.code)) {
      // ALREADY_CANCELED_PAYMENT (and kin) after an earlier timeout means that attempt went through.
      let found: ProcessOutcome | null;
      try {
        found = await this.readBackAndSettle(refund, 'worker');
      } catch (readError) {
        throw unknown(refund.id, readError, 'refused, and the payment could not be read back to confirm');
      }
      if (found) return found;
      this.logger.warn(`refund ${refund.id} refused by the gateway: ${error.code} ${error.message}`);
      return (await this.settlement.fail(refund.id, error.code, error.message, 'worker')) ? 'failed' : 'skipped';
    }
    if (opts.finalAttempt) {
      const found = await this.readBackAndSettle(refund, 'worker').catch(() => null);
      if (found) return found;
    }
    throw unknown(refund.id, error, 'no definite answer from the gateway');
  }

  private cancelParams(refund: RefundRequestEntity) {
    const guard = refund.guardBalanceAmount ?? undefined;
    // A cancel of everything that is left is a full cancel: no cancelAmount.
    const full = guard !== undefined && refund.refundAmount === guard;
    return {
      cancelReason: cancelReason(refund.id, refund.reason),
      cancelAmount: full ? undefined : refund.refundAmount,
      refundableAmount: guard,
    };
  }

  /** pending|processing → processing, fixing the balance guard for this attempt. Null when there is nothing to do. */
  private async claim(refundId: string): Promise<{ refund: RefundRequestEntity; started: boolean } | null> {
    const rows = await returning<{ id: string; was: string }>(
      this.dataSource,
      `WITH prev AS (SELECT id, status FROM refund_requests WHERE id = $1 FOR UPDATE)
       UPDATE refund_requests r
          SET status = 'processing', updated_at = now(),
              guard_balance_amount = COALESCE(r.guard_balance_amount, (SELECT p.balance_amount FROM payments p WHERE p.payment_key = r.payment_key))
         FROM prev
        WHERE r.id = prev.id AND prev.status IN ('pending', 'processing')
        RETURNING r.id, prev.status AS was`,
      [refundId],
    );
    if (rows.length === 0) return null;
    const refund = await this.dataSource.getRepository(RefundRequestEntity).findOneByOrFail({ id: refundId });
    return { refund, started: rows[0].was === 'pending' };
  }

  /** Transaction keys already recorded by other refunds of the payment (never to be matched again). */
  private async otherTransactionKeys(refund: RefundRequestEntity): Promise<string[]> {
    const rows: Array<{ pg_refund_id: string }> = await this.dataSource.query(
      `SELECT pg_refund_id FROM refund_requests WHERE payment_key = $1 AND id <> $2 AND pg_refund_id IS NOT NULL`,
      [refund.paymentKey, refund.id],
    );
    return rows.map((r) => r.pg_refund_id);
  }

  /** Test-only: die like a crashed machine between the gateway's success and the database commit. */
  private crashForTests(): void {
    if (this.config.NODE_ENV === 'test' && this.config.REFUND_TEST_CRASH_AFTER_GATEWAY === '1') {
      process.kill(process.pid, 'SIGKILL');
    }
  }
}

function unknown(refundId: string, error: unknown, message: string): RefundOutcomeUnknownError {
  const code = error instanceof PaymentGatewayError ? error.code : 'UNEXPECTED';
  const detail = error instanceof Error ? error.message : String(error);
  return new RefundOutcomeUnknownError(refundId, code, `${message}: ${detail}`);
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { AppException, AuditService } from '@app/common';
import type { AuthUser } from '@app/auth';
import { CreditLedgerEntryEntity, CreditsService } from '@app/credits';
import { PaymentEntity, purchaseLedgerKey } from '@app/payments';
import { RefundGatewayCallEntity } from './entities/refund-gateway-call.entity';
import { RefundRequestEntity } from './entities/refund-request.entity';
import { decideOverride } from './policy/refund-policy';
import { clawbackLedgerKey, gatewayIdempotencyKey } from './processing/refund-keys';
import { RefundQueue } from './processing/refund-queue';
import { assertTransition, type RefundStatus } from './processing/refund-state';
import { isUniqueViolation, paymentNotFound, refundNotFound } from './refunds.service';

export interface AdminRefundQuery {
  status?: RefundStatus;
  userId?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export interface AdminRefundDetail {
  refund: RefundRequestEntity;
  payment: PaymentEntity;
  balance: number;
  ledger: CreditLedgerEntryEntity[];
  gatewayCalls: RefundGatewayCallEntity[];
}

export interface OverrideRequestInput {
  reason: string;
  amount?: number;
}

type Snapshot = Pick<RefundRequestEntity, 'status' | 'gatewayAttempt' | 'gatewayIdempotencyKey' | 'failureCode' | 'rejectionReason'>;
const snapshot = (r: RefundRequestEntity): Snapshot => ({
  status: r.status,
  gatewayAttempt: r.gatewayAttempt,
  gatewayIdempotencyKey: r.gatewayIdempotencyKey,
  failureCode: r.failureCode,
  rejectionReason: r.rejectionReason,
});

/**
 * The support console. Every change is made under the refund's row lock, checked against the
 * state machine (409 INVALID_REFUND_TRANSITION otherwise) and audited with before/after in the same
 * transaction; jobs are enqueued after the commit.
 */
@Injectable()
export class RefundsAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: RefundQueue,
    private readonly audit: AuditService,
    private readonly credits: CreditsService,
  ) {}

  /** The refund queue: audited once per request with its filter (`refund.list`), not per row. */
  async list(viewer: AuthUser, query: AdminRefundQuery): Promise<{ items: RefundRequestEntity[]; total: number }> {
    const qb = this.dataSource.getRepository(RefundRequestEntity).createQueryBuilder('r');
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.userId) qb.andWhere('r.user_id = :userId', { userId: query.userId });
    if (query.from) qb.andWhere('r.created_at >= :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('r.created_at < :to', { to: new Date(query.to) });
    const [items, total] = await qb.orderBy('r.created_at', 'DESC').addOrderBy('r.id', 'ASC').take(query.limit).skip(query.offset).getManyAndCount();
    const { status, userId, from, to, limit, offset } = query;
    await this.audit.recordRead({ actorId: viewer.id, action: 'refund.list', subjectUserId: userId, details: { filter: { status, userId, from, to, limit, offset } } });
    return { items, total };
  }

  /** Audited as `refund.view` under the refund's owner. */
  async detail(viewer: AuthUser, id: string): Promise<AdminRefundDetail> {
    const refund = await this.dataSource.getRepository(RefundRequestEntity).findOneBy({ id });
    if (!refund) throw refundNotFound();
    const payment = await this.dataSource.getRepository(PaymentEntity).findOneByOrFail({ paymentKey: refund.paymentKey });
    const ledger = await this.dataSource.getRepository(CreditLedgerEntryEntity).find({
      where: [
        { userId: refund.userId, idempotencyKey: purchaseLedgerKey(payment.orderId) },
        { userId: refund.userId, idempotencyKey: clawbackLedgerKey(refund.id) },
        { userId: refund.userId, referenceType: 'refund', referenceId: refund.id },
      ],
      order: { id: 'ASC' },
    });
    const gatewayCalls = await this.dataSource.getRepository(RefundGatewayCallEntity).find({ where: { refundId: id }, order: { startedAt: 'ASC', id: 'ASC' } });
    const balance = await this.credits.getBalance(refund.userId);
    await this.audit.recordRead({ actorId: viewer.id, action: 'refund.view', subjectUserId: refund.userId, details: { refundId: id } });
    return { refund, payment, balance, ledger, gatewayCalls };
  }

  /** held → processing, then queued. */
  async approve(actor: AuthUser, id: string): Promise<RefundRequestEntity> {
    const refund = await this.change(actor, id, 'approve', 'refund.approve', async (m, r) => {
      await m.query(`UPDATE refund_requests SET status = 'processing', reviewed_by = $2, reviewed_at = now(), updated_at = now() WHERE id = $1`, [r.id, actor.id]);
    });
    await this.queue.enqueueOrLeaveToReconciler(refund);
    await this.queue.announce(refund);
    return refund;
  }

  /** held | pending → rejected. A queued job then finds nothing to do. */
  async reject(actor: AuthUser, id: string, reason: string): Promise<RefundRequestEntity> {
    const refund = await this.change(actor, id, 'reject', 'refund.reject', async (m, r) => {
      await m.query(
        `UPDATE refund_requests SET status = 'rejected', rejection_reason = $3, reviewed_by = $2, reviewed_at = now(), finished_at = now(), updated_at = now()
          WHERE id = $1`,
        [r.id, actor.id, reason],
      );
    });
    await this.queue.announce(refund);
    return refund;
  }

  /**
   * failed → pending under a NEW gateway key: the earlier attempt was definitely refused, so this is a
   * new request to Toss (a replayed key would only replay the refusal). The key is stored here, before
   * any call of the new attempt.
   */
  async retry(actor: AuthUser, id: string): Promise<RefundRequestEntity> {
    let refund: RefundRequestEntity;
    try {
      refund = await this.change(actor, id, 'retry', 'refund.retry', async (m, r) => {
        const attempt = r.gatewayAttempt + 1;
        await m.query(
          `UPDATE refund_requests
              SET status = 'pending', gateway_attempt = $3, gateway_idempotency_key = $4, guard_balance_amount = NULL,
                  failure_code = NULL, failure_message = NULL, completed_via = NULL, finished_at = NULL,
                  reviewed_by = $2, reviewed_at = now(), updated_at = now()
            WHERE id = $1`,
          [r.id, actor.id, attempt, gatewayIdempotencyKey(r.id, attempt)],
        );
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppException(409, 'REFUND_IN_PROGRESS', 'Another refund of this payment is open');
      throw error;
    }
    await this.queue.enqueueOrLeaveToReconciler(refund);
    await this.queue.announce(refund);
    return refund;
  }

  /** A goodwill refund outside the policy (no window, yearly limit or credit condition), audited with its reason. */
  async override(actor: AuthUser, paymentKey: string, input: OverrideRequestInput): Promise<RefundRequestEntity> {
    let refund: RefundRequestEntity;
    try {
      refund = await this.dataSource.transaction(async (m) => {
        const payment = await m.getRepository(PaymentEntity).findOne({ where: { paymentKey }, lock: { mode: 'pessimistic_write' } });
        if (!payment) throw paymentNotFound();
        const [facts] = await m.query(
          `SELECT EXISTS (SELECT 1 FROM refund_requests WHERE payment_key = $1 AND status IN ('pending', 'held', 'processing')) AS open,
                  COALESCE((SELECT sum(clawed_back_credits) FROM refund_requests WHERE payment_key = $1 AND status = 'approved'), 0) AS clawed,
                  COALESCE((SELECT balance FROM credit_wallets WHERE user_id = $2), 0) AS balance`,
          [paymentKey, payment.userId],
        );
        if (facts.open) throw new AppException(409, 'REFUND_IN_PROGRESS', 'Another refund of this payment is open');
        const decision = decideOverride({ payment, creditBalance: Number(facts.balance), alreadyClawedBack: Number(facts.clawed), amount: input.amount });
        if (!decision.ok) throw new AppException(decision.code === 'INVALID_REFUND_AMOUNT' ? 400 : 409, decision.code, decision.message);

        const id = randomUUID();
        const repo = m.getRepository(RefundRequestEntity);
        const created = await repo.save(
          repo.create({
            id,
            userId: payment.userId,
            paymentKey,
            status: 'pending',
            kind: 'override',
            reason: input.reason,
            refundAmount: decision.refundAmount,
            refundableCredits: decision.refundableCredits,
            clientIdempotencyKey: null,
            gatewayIdempotencyKey: gatewayIdempotencyKey(id, 1),
            gatewayAttempt: 1,
            requestedBy: actor.id,
            reviewedBy: actor.id,
            reviewedAt: new Date(),
          }),
        );
        await this.audit.record(
          {
            actorId: actor.id,
            action: 'refund.override',
            targetType: 'refund',
            targetId: id,
            before: { paymentKey, paymentStatus: payment.status, balanceAmount: payment.balanceAmount, creditBalance: Number(facts.balance) },
            after: { status: created.status, refundAmount: created.refundAmount, refundableCredits: created.refundableCredits, reason: input.reason, overridePolicy: true },
          },
          m,
        );
        return created;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppException(409, 'REFUND_IN_PROGRESS', 'Another refund of this payment is open');
      throw error;
    }
    await this.queue.enqueueOrLeaveToReconciler(refund);
    await this.queue.announce(refund);
    return refund;
  }

  private async change(
    actor: AuthUser,
    id: string,
    action: 'approve' | 'reject' | 'retry',
    auditAction: string,
    apply: (m: EntityManager, refund: RefundRequestEntity) => Promise<void>,
  ): Promise<RefundRequestEntity> {
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(RefundRequestEntity);
      const refund = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!refund) throw refundNotFound();
      assertTransition(action, refund.status);
      const before = snapshot(refund);
      await apply(m, refund);
      const after = await repo.findOneByOrFail({ id });
      await this.audit.record({ actorId: actor.id, action: auditAction, targetType: 'refund', targetId: id, before, after: snapshot(after) }, m);
      return after;
    });
  }
}

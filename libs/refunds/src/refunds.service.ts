import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppException, AuditService, type AppConfig } from '@app/common';
import { PaymentEntity } from '@app/payments';
import { RefundRequestEntity } from './entities/refund-request.entity';
import { decideRefund, type RefundDecision } from './policy/refund-policy';
import { gatewayIdempotencyKey } from './processing/refund-keys';
import { RefundQueue } from './processing/refund-queue';

export const refundNotFound = () => new AppException(404, 'REFUND_NOT_FOUND', 'Refund not found');
export const paymentNotFound = () => new AppException(404, 'PAYMENT_NOT_FOUND', 'Payment not found');

/** Refusals that describe a state conflict (409); the other policy refusals answer 422. */
const CONFLICT_REFUSALS = new Set(['REFUND_IN_PROGRESS', 'ALREADY_REFUNDED']);

export interface CreateRefundInput {
  paymentId: string;
  reason: string;
}

export interface CreateRefundOutcome {
  refund: RefundRequestEntity;
  /** The Idempotency-Key had been used: the earlier request is returned, nothing was created. */
  replayed: boolean;
}

export const isUniqueViolation = (error: unknown, constraint?: string): boolean => {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e?.code ?? e?.driverError?.code;
  const name = e?.constraint ?? e?.driverError?.constraint;
  return code === '23505' && (constraint === undefined || name === constraint);
};

/**
 * The customer's side of refunds: eligibility, the request, and reading one's own requests.
 * A request is created under the payment's row lock (and a per-user advisory lock, because the
 * yearly limit and "one open refund at a time" are per user); the partial unique index on open
 * refunds of a payment is the last line of defence.
 */
@Injectable()
export class RefundsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: RefundQueue,
    private readonly audit: AuditService,
  ) {}

  async eligibility(userId: string, paymentKey: string): Promise<RefundDecision> {
    const payment = await this.dataSource.getRepository(PaymentEntity).findOneBy({ paymentKey });
    if (!payment || payment.userId !== userId) throw paymentNotFound();
    return this.decide(this.dataSource.manager, payment);
  }

  async request(userId: string, input: CreateRefundInput, clientKey?: string): Promise<CreateRefundOutcome> {
    if (clientKey) {
      const earlier = await this.findByClientKey(this.dataSource.manager, userId, clientKey);
      if (earlier) return replay(earlier, input);
    }
    let created: RefundRequestEntity | CreateRefundOutcome;
    try {
      created = await this.dataSource.transaction((m) => this.createLocked(m, userId, input, clientKey));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (clientKey) {
        const winner = await this.findByClientKey(this.dataSource.manager, userId, clientKey);
        if (winner) return replay(winner, input);
      }
      throw inProgress();
    }
    if ('replayed' in created) return created;
    if (created.status === 'pending') await this.queue.enqueueOrLeaveToReconciler(created);
    await this.queue.announce(created);
    return { refund: created, replayed: false };
  }

  async list(userId: string, page: { limit: number; offset: number }): Promise<{ items: RefundRequestEntity[]; total: number }> {
    const [items, total] = await this.dataSource.getRepository(RefundRequestEntity).findAndCount({
      where: { userId },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    return { items, total };
  }

  async get(userId: string, id: string): Promise<RefundRequestEntity> {
    const refund = await this.dataSource.getRepository(RefundRequestEntity).findOneBy({ id });
    if (!refund || refund.userId !== userId) throw refundNotFound();
    return refund;
  }

  /** The policy's inputs as the database has them now (inside the caller's transaction when given). */
  async decide(m: EntityManager, payment: PaymentEntity): Promise<RefundDecision> {
    const [facts] = await m.query(
      `SELECT EXISTS (SELECT 1 FROM refund_requests WHERE payment_key = $1 AND status = 'approved') AS refunded,
              EXISTS (SELECT 1 FROM refund_requests WHERE user_id = $2 AND status IN ('pending', 'held', 'processing')) AS open,
              (SELECT max(finished_at) FROM refund_requests WHERE user_id = $2 AND status = 'approved') AS last_approved,
              COALESCE((SELECT balance FROM credit_wallets WHERE user_id = $2), 0) AS balance`,
      [payment.paymentKey, payment.userId],
    );
    return decideRefund({
      payment,
      now: new Date(),
      creditBalance: Number(facts.balance),
      paymentRefunded: facts.refunded,
      refundOpen: facts.open,
      lastApprovedRefundAt: facts.last_approved ? new Date(facts.last_approved) : null,
      reviewThresholdWon: this.config.REFUND_REVIEW_THRESHOLD_WON,
    });
  }

  private async createLocked(
    m: EntityManager,
    userId: string,
    input: CreateRefundInput,
    clientKey: string | undefined,
  ): Promise<RefundRequestEntity | CreateRefundOutcome> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`refund-user:${userId}`]);
    const payment = await m.getRepository(PaymentEntity).findOne({ where: { paymentKey: input.paymentId }, lock: { mode: 'pessimistic_write' } });
    if (!payment || payment.userId !== userId) throw paymentNotFound();
    if (clientKey) {
      const earlier = await this.findByClientKey(m, userId, clientKey);
      if (earlier) return replay(earlier, input);
    }

    const decision = await this.decide(m, payment);
    if (!decision.eligible) {
      const status = CONFLICT_REFUSALS.has(decision.reason!) ? 409 : 422;
      throw new AppException(status, decision.reason!, decision.message.en, { message: decision.message });
    }

    const id = randomUUID();
    const repo = m.getRepository(RefundRequestEntity);
    const refund = await repo.save(
      repo.create({
        id,
        userId,
        paymentKey: payment.paymentKey,
        status: decision.heldForReview ? 'held' : 'pending',
        kind: 'self_service',
        reason: input.reason,
        refundAmount: decision.refundAmount,
        refundableCredits: decision.refundableCredits,
        clientIdempotencyKey: clientKey ?? null,
        // Stored with the row, before any gateway call.
        gatewayIdempotencyKey: gatewayIdempotencyKey(id, 1),
        gatewayAttempt: 1,
      }),
    );
    await this.audit.record(
      {
        actorId: userId,
        action: 'refund.request',
        targetType: 'refund',
        targetId: id,
        before: { paymentStatus: payment.status, balanceAmount: payment.balanceAmount },
        after: { status: refund.status, refundAmount: refund.refundAmount, refundableCredits: refund.refundableCredits },
      },
      m,
    );
    return refund;
  }

  private findByClientKey(m: EntityManager, userId: string, clientIdempotencyKey: string): Promise<RefundRequestEntity | null> {
    return m.getRepository(RefundRequestEntity).findOneBy({ userId, clientIdempotencyKey });
  }
}

function inProgress(): AppException {
  return new AppException(409, 'REFUND_IN_PROGRESS', 'A refund request is already in progress', {
    message: { ko: '이미 처리 중인 환불 요청이 있습니다.', en: 'A refund request is already in progress.' },
  });
}

function replay(earlier: RefundRequestEntity, input: CreateRefundInput): CreateRefundOutcome {
  if (earlier.paymentKey !== input.paymentId) {
    throw new AppException(409, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for another refund request');
  }
  return { refund: earlier, replayed: true };
}

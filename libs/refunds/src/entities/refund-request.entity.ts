import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '../../../auth/src/users/user.entity';
import { PaymentEntity } from '../../../payments/src/orders/payment.entity';
import type { RefundStatus } from '../processing/refund-state';

export const REFUND_KINDS = ['self_service', 'override'] as const;
export type RefundKind = (typeof REFUND_KINDS)[number];

/** One request to give (part of) a payment back. Amount and credits are fixed when it is created. */
@Entity('refund_requests')
@Index('uq_refund_requests_open_payment', ['paymentKey'], { unique: true, where: `"status" IN ('pending', 'held', 'processing')` })
@Index('uq_refund_requests_user_idempotency_key', ['userId', 'clientIdempotencyKey'], { unique: true, where: '"client_idempotency_key" IS NOT NULL' })
@Index('uq_refund_requests_pg_refund_id', ['pgRefundId'], { unique: true, where: '"pg_refund_id" IS NOT NULL' })
@Index('idx_refund_requests_user_created', ['userId', 'createdAt'])
@Index('idx_refund_requests_status_updated', ['status', 'updatedAt'])
@Check('chk_refund_requests_status', `"status" IN ('pending', 'held', 'processing', 'approved', 'failed', 'rejected')`)
@Check('chk_refund_requests_kind', `"kind" IN ('self_service', 'override')`)
@Check('chk_refund_requests_amounts', `"refund_amount" > 0 AND "refundable_credits" >= 0`)
export class RefundRequestEntity {
  /** Generated before the insert: also the BullMQ job id and part of the gateway and ledger keys. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Index('idx_refund_requests_payment')
  @Column({ type: 'varchar', length: 200 })
  paymentKey!: string;

  @ManyToOne(() => PaymentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'payment_key' })
  payment?: PaymentEntity;

  @Column({ type: 'varchar', length: 16 })
  status!: RefundStatus;

  @Column({ type: 'varchar', length: 16, default: 'self_service' })
  kind!: RefundKind;

  /** The customer's (or, for an override, the staff member's) reason. */
  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  /** Integer won to give back. */
  @Column({ type: 'integer' })
  refundAmount!: number;

  /** Credits to take back once the cancel is DONE (fixed at request time). */
  @Column({ type: 'integer' })
  refundableCredits!: number;

  /** The caller's Idempotency-Key header (per user). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  clientIdempotencyKey!: string | null;

  /** The Toss Idempotency-Key of the current attempt; stored before its first call. */
  @Column({ type: 'varchar', length: 300 })
  gatewayIdempotencyKey!: string;

  /** 1, then +1 per support retry of a refused refund. */
  @Column({ type: 'integer', default: 1 })
  gatewayAttempt!: number;

  /** The `refundableAmount` guard sent with every call of the current attempt (the balance when it started). */
  @Column({ type: 'integer', nullable: true })
  guardBalanceAmount!: number | null;

  /** The transactionKey of the cancel at Toss. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  pgRefundId!: string | null;

  /** Credits actually taken back (the balance may have run short meanwhile). */
  @Column({ type: 'integer', nullable: true })
  clawedBackCredits!: number | null;

  /** refundableCredits − clawedBackCredits: credits spent between the request and the cancel. */
  @Column({ type: 'integer', default: 0 })
  clawbackShortfall!: number;

  @Column({ type: 'varchar', length: 100, nullable: true })
  failureCode!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  failureMessage!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  rejectionReason!: string | null;

  /** Staff member who created an override refund. */
  @Column({ type: 'uuid', nullable: true })
  requestedBy!: string | null;

  /** Staff member who approved, rejected or retried it last. */
  @Column({ type: 'uuid', nullable: true })
  reviewedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt!: Date | null;

  /** Which path recorded the outcome: `worker` or `reconciler`. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  completedVia!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

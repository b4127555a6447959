import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../../auth/src/users/user.entity';
import type { CreditReason } from './credit-reasons';

/**
 * Append-only: a trigger rejects UPDATE and DELETE. For every user, the sum of `amount` equals
 * the wallet balance and the newest `balanceAfter` equals it too.
 */
@Entity('credit_ledger')
@Index('idx_credit_ledger_user_id', ['userId', 'id'])
@Check('chk_credit_ledger_amount_non_zero', `"amount" <> 0`)
@Check('chk_credit_ledger_balance_after_non_negative', `"balance_after" >= 0`)
@Check(
  'chk_credit_ledger_reason',
  `"reason" IN ('signup_bonus', 'purchase', 'backtest_charge', 'backtest_refund', 'refund_clawback', 'admin_adjustment')`,
)
export class CreditLedgerEntryEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  /** Signed: positive adds credits, negative takes them. */
  @Column({ type: 'integer' })
  amount!: number;

  @Column({ type: 'integer' })
  balanceAfter!: number;

  @Column({ type: 'varchar', length: 32 })
  reason!: CreditReason;

  @Column({ type: 'varchar', length: 50, nullable: true })
  referenceType!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  referenceId!: string | null;

  @Index('uq_credit_ledger_idempotency_key', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  idempotencyKey!: string;

  /** Free text for admin adjustments. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  /** Who made the change when it was a person (admin adjustments). */
  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

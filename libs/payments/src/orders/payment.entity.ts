import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '../../../auth/src/users/user.entity';
import type { PaymentStatus } from '../gateway';
import { PaymentOrderEntity } from './payment-order.entity';

/** Our copy of a Toss payment, kept in step by confirm, the webhook and refunds. */
@Entity('payments')
export class PaymentEntity {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  paymentKey!: string;

  /** One payment per order (the one-to-one adds the unique constraint). */
  @Column({ type: 'varchar', length: 64 })
  orderId!: string;

  @OneToOne(() => PaymentOrderEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'order_id' })
  order?: PaymentOrderEntity;

  @Index('idx_payments_user')
  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 32 })
  status!: PaymentStatus;

  @Column({ type: 'varchar', length: 50, nullable: true })
  method!: string | null;

  /** Integer won. */
  @Column({ type: 'integer' })
  totalAmount!: number;

  /** What can still be cancelled, integer won. */
  @Column({ type: 'integer' })
  balanceAmount!: number;

  @Column({ type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  @Column({ type: 'integer', default: 0 })
  creditsGranted!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

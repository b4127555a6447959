import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '../../../auth/src/users/user.entity';
import { CreditPackageEntity } from './credit-package.entity';

/** PAID: the payment was approved and the credits granted. */
export const ORDER_STATUSES = ['PENDING', 'PAID'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** What the customer agreed to pay; the confirm must match `amount` exactly. */
@Entity('payment_orders')
@Check('chk_payment_orders_amount_positive', `"amount" > 0 AND "credits" > 0`)
export class PaymentOrderEntity {
  /** The Toss orderId: 6-64 characters of [A-Za-z0-9_-]. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  orderId!: string;

  @Index('idx_payment_orders_user')
  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 40 })
  packageId!: string;

  @ManyToOne(() => CreditPackageEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'package_id' })
  package?: CreditPackageEntity;

  @Column({ type: 'varchar', length: 100 })
  orderName!: string;

  /** Credits granted when paid (copied from the package at order time). */
  @Column({ type: 'integer' })
  credits!: number;

  /** Integer won (copied from the package at order time). */
  @Column({ type: 'integer' })
  amount!: number;

  @Column({ type: 'varchar', length: 16, default: 'PENDING' })
  status!: OrderStatus;

  /** Persisted before the first confirm call and reused on every retry. */
  @Column({ type: 'varchar', length: 300 })
  confirmIdempotencyKey!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { RefundRequestEntity } from './refund-request.entity';

export type GatewayCallOutcome = 'sent' | 'ok' | 'refused' | 'unknown';

/**
 * Every call made to the payment gateway for a refund, for the support console. Written as `sent`
 * before the call and completed after it, so a call whose answer was lost (a crash) still shows.
 */
@Entity('refund_gateway_calls')
@Index('idx_refund_gateway_calls_refund', ['refundId', 'startedAt'])
export class RefundGatewayCallEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  refundId!: string;

  @ManyToOne(() => RefundRequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'refund_id' })
  refund?: RefundRequestEntity;

  /** `cancel` or `get`. */
  @Column({ type: 'varchar', length: 16 })
  operation!: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  idempotencyKey!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  request!: unknown;

  @Column({ type: 'varchar', length: 16 })
  outcome!: GatewayCallOutcome;

  @Column({ type: 'integer', nullable: true })
  httpStatus!: number | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  errorCode!: string | null;

  @Column({ type: 'text', nullable: true })
  errorMessage!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  response!: unknown;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  startedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'integer', nullable: true })
  durationMs!: number | null;
}

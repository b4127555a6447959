import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Who did what to which record, with the record before and after; staff reads of a trader's data
 * too (see AuditService.recordRead: what was read goes in `after`). Written, never edited.
 */
@Entity('audit_log')
@Index('idx_audit_log_target', ['targetType', 'targetId'])
@Index('idx_audit_log_action_at', ['action', 'at'])
export class AuditLogEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Null for the system itself (webhooks, workers). */
  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'varchar', length: 100 })
  action!: string;

  @Column({ type: 'varchar', length: 100 })
  targetType!: string;

  @Column({ type: 'varchar', length: 200 })
  targetId!: string;

  @Column({ type: 'jsonb', nullable: true })
  before!: unknown;

  @Column({ type: 'jsonb', nullable: true })
  after!: unknown;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;
}

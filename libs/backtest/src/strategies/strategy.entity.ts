import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { StrategySpec } from '@app/engine';
import { UserEntity } from '../../../auth/src/users/user.entity';

export const STRATEGY_VISIBILITIES = ['private', 'public'] as const;
export type StrategyVisibility = (typeof STRATEGY_VISIBILITIES)[number];

/** A saved strategy: an engine spec (template + parameters, or rules) with a name. */
@Entity('strategies')
@Index('idx_strategies_owner_created', ['ownerId', 'createdAt'])
@Index('idx_strategies_public_created', ['createdAt'], { where: `"visibility" = 'public'` })
@Check('chk_strategies_visibility', `"visibility" IN ('private', 'public')`)
@Check('chk_strategies_copy_count', `"copy_count" >= 0`)
export class StrategyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  ownerId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id' })
  owner?: UserEntity;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  description!: string | null;

  /** The validated engine spec, defaults applied. */
  @Column({ type: 'jsonb' })
  spec!: StrategySpec;

  @Column({ type: 'varchar', length: 8, default: 'private' })
  visibility!: StrategyVisibility;

  /** The public strategy this one was copied from (the leaderboard's "copy"). */
  @Column({ type: 'uuid', nullable: true })
  copiedFrom!: string | null;

  @ManyToOne(() => StrategyEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'copied_from' })
  source?: StrategyEntity | null;

  @Column({ type: 'integer', default: 0 })
  copyCount!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

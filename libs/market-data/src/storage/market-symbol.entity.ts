import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
// The entity file itself, not the @app/auth barrel: it imports nothing but types, so no module cycle.
import { UserEntity } from '../../../auth/src/users/user.entity';

export const MARKETS = ['KRX', 'NYSE', 'NASDAQ', 'NYSEARCA', 'crypto', 'index', 'other'] as const;
export type Market = (typeof MARKETS)[number];

export const VISIBILITIES = ['public', 'private'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** Epoch ms in JS, bigint in Postgres (int8 comes back as a string from pg). */
export const bigintMs = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * One dataset in the catalogue: a ticker with its metadata and the summary of its stored bars.
 * Public datasets have no owner; a trader's upload is private to them. A ticker is unique among the
 * public datasets and among each owner's datasets (a private upload may shadow a public ticker).
 */
@Entity('market_symbols')
@Index('UQ_market_symbols_public_ticker', ['ticker'], { unique: true, where: '"owner_id" IS NULL' })
@Index('UQ_market_symbols_owner_ticker', ['ownerId', 'ticker'], { unique: true, where: '"owner_id" IS NOT NULL' })
export class MarketSymbolEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;

  @Column({ type: 'varchar', length: 32 }) ticker!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'varchar', length: 16 }) market!: Market;
  @Column({ type: 'varchar', length: 8 }) currency!: string;
  /** IANA zone of the exchange; bar times themselves are UTC epoch ms. */
  @Column({ type: 'varchar', length: 64 }) timezone!: string;
  /** The stored (native) timeframe; coarser ones are resampled on request. */
  @Column({ type: 'varchar', length: 8 }) timeframe!: string;
  /** Whether OHLC are split/dividend-adjusted. */
  @Column({ type: 'boolean', default: false }) adjusted!: boolean;
  @Column({ type: 'text', nullable: true }) source!: string | null;

  /** Null for public datasets. Deleting the owner deletes their private datasets (and, by cascade, their bars). */
  @Column({ type: 'uuid', nullable: true }) ownerId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id' })
  owner?: UserEntity | null;

  @Column({ type: 'varchar', length: 8 }) visibility!: Visibility;

  @Column({ type: 'bigint', nullable: true, transformer: bigintMs }) firstTime!: number | null;
  @Column({ type: 'bigint', nullable: true, transformer: bigintMs }) lastTime!: number | null;
  @Column({ type: 'integer', default: 0 }) barCount!: number;
  /** Bumped by every import; caches key on (id, timeframe, datasetVersion). */
  @Column({ type: 'integer', default: 0 }) datasetVersion!: number;
  /** sha256 of the imported file, so re-importing identical bytes can be skipped. */
  @Column({ type: 'varchar', length: 64, nullable: true }) contentHash!: string | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}

import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { bigintMs, MarketSymbolEntity } from './market-symbol.entity';

/**
 * Bars stored column-wise in chunks: each row holds up to BAR_CHUNK_SIZE consecutive bars as six
 * little-endian Float64Array buffers. A million bars is ~60 rows and decodes with memcpy, no per-bar
 * parsing; a time range selects chunks by start/end and trims the edges.
 */
@Entity('bar_chunks')
export class BarChunkEntity {
  @PrimaryColumn('uuid') symbolId!: string;
  @PrimaryColumn({ type: 'varchar', length: 8 }) timeframe!: string;
  @PrimaryColumn('integer') chunkIndex!: number;

  @ManyToOne(() => MarketSymbolEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'symbol_id' })
  symbol?: MarketSymbolEntity;

  /** Epoch ms of the first and last bar in the chunk. */
  @Column({ type: 'bigint', transformer: bigintMs }) startTime!: number;
  @Column({ type: 'bigint', transformer: bigintMs }) endTime!: number;
  @Column('integer') count!: number;

  @Column('bytea') time!: Buffer;
  @Column('bytea') open!: Buffer;
  @Column('bytea') high!: Buffer;
  @Column('bytea') low!: Buffer;
  @Column('bytea') close!: Buffer;
  @Column('bytea') volume!: Buffer;
}

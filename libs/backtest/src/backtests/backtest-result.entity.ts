import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import type { DisplaySeries, OpenTradeRecord, TradeRecord } from '@app/engine';
import { BacktestEntity } from './backtest.entity';

/** The heavy part of a finished backtest, keyed by the backtest (so a re-run can never write twice). */
@Entity('backtest_results')
export class BacktestResultEntity {
  @PrimaryColumn({ type: 'uuid' })
  backtestId!: string;

  @OneToOne(() => BacktestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'backtest_id' })
  backtest?: BacktestEntity;

  /** Downsampled equity curve: `{ t: epoch ms[], v: cash[] }`. */
  @Column({ type: 'jsonb' })
  equity!: DisplaySeries;

  /** Downsampled drawdown in percent (≤ 0). */
  @Column({ type: 'jsonb' })
  drawdown!: DisplaySeries;

  @Column({ type: 'jsonb' })
  trades!: TradeRecord[];

  @Column({ type: 'jsonb', nullable: true })
  openTrade!: OpenTradeRecord | null;

  /** Engine info: strategy label, bars, warm-up bar, periods per year. */
  @Column({ type: 'jsonb' })
  info!: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule, QUEUE_NAMES } from '@app/common';
import { CreditsModule } from '@app/credits';
import { MarketDataModule } from '@app/market-data';
import { BacktestQueue } from './backtests/backtest-queue';
import { BacktestResultEntity } from './backtests/backtest-result.entity';
import { BacktestSettlement } from './backtests/backtest-settlement.service';
import { BacktestEntity } from './backtests/backtest.entity';
import { CancelFlags } from './backtests/cancel-flags';
import { StrategiesService } from './strategies/strategies.service';
import { StrategyEntity } from './strategies/strategy.entity';

/** What the API and the worker share: entities, the queue, settlement (refunds) and cancel flags. */
@Module({
  imports: [
    AuditModule,
    CreditsModule,
    MarketDataModule,
    TypeOrmModule.forFeature([StrategyEntity, BacktestEntity, BacktestResultEntity]),
    BullModule.registerQueue({ name: QUEUE_NAMES.backtests }),
  ],
  providers: [StrategiesService, BacktestQueue, BacktestSettlement, CancelFlags],
  exports: [
    StrategiesService,
    BacktestQueue,
    BacktestSettlement,
    CancelFlags,
    CreditsModule,
    MarketDataModule,
    TypeOrmModule,
  ],
})
export class BacktestCoreModule {}

import { Module } from '@nestjs/common';
import { BacktestCoreModule } from './backtest-core.module';
import { BacktestsController } from './backtests/backtests.controller';
import { BacktestsService } from './backtests/backtests.service';
import { QueueDashboardController } from './queue-dashboard/queue-dashboard.controller';
import { QueueDashboardService } from './queue-dashboard/queue-dashboard.service';
import { StrategiesController } from './strategies/strategies.controller';

/** The HTTP side (API process): strategies, backtests, queue dashboard. No processors here. */
@Module({
  imports: [BacktestCoreModule],
  controllers: [StrategiesController, BacktestsController, QueueDashboardController],
  providers: [BacktestsService, QueueDashboardService],
  exports: [BacktestsService, BacktestCoreModule],
})
export class BacktestModule {}

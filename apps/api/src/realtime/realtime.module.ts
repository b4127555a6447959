import { Module } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { BacktestModule } from '@app/backtest';
import { BacktestEventsBridge } from './backtest-events.bridge';
import { RealtimeGateway } from './realtime.gateway';
import { RefundEventsBridge } from './refund-events.bridge';

@Module({
  imports: [AuthModule, BacktestModule],
  providers: [RealtimeGateway, BacktestEventsBridge, RefundEventsBridge],
  exports: [RealtimeGateway],
})
export class RealtimeModule {}

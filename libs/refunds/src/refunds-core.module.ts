import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule, QUEUE_NAMES } from '@app/common';
import { CreditsModule } from '@app/credits';
import { PaymentsModule } from '@app/payments';
import { RefundGatewayCallEntity } from './entities/refund-gateway-call.entity';
import { RefundRequestEntity } from './entities/refund-request.entity';
import { RefundExecutor } from './processing/refund-executor.service';
import { RefundGatewayClient } from './processing/refund-gateway-client';
import { RefundQueue } from './processing/refund-queue';
import { RefundSettlement } from './processing/refund-settlement.service';

/** What the API and the worker share: entities, the queue, the gateway client and the settlement. */
@Module({
  imports: [
    AuditModule,
    CreditsModule,
    PaymentsModule,
    TypeOrmModule.forFeature([RefundRequestEntity, RefundGatewayCallEntity]),
    BullModule.registerQueue({ name: QUEUE_NAMES.refunds }),
  ],
  providers: [RefundQueue, RefundGatewayClient, RefundSettlement, RefundExecutor],
  exports: [RefundQueue, RefundGatewayClient, RefundSettlement, RefundExecutor, CreditsModule, PaymentsModule, TypeOrmModule],
})
export class RefundsCoreModule {}

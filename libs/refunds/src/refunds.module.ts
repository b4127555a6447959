import { Module } from '@nestjs/common';
import { PaymentRefundEligibilityController, RefundsController } from './http/refunds.controller';
import { RefundsAdminController } from './http/refunds-admin.controller';
import { RefundsAdminService } from './refunds-admin.service';
import { RefundsCoreModule } from './refunds-core.module';
import { RefundsService } from './refunds.service';

/** The HTTP side (API process): self-service refunds and the support console. No processors here. */
@Module({
  imports: [RefundsCoreModule],
  controllers: [PaymentRefundEligibilityController, RefundsController, RefundsAdminController],
  providers: [RefundsService, RefundsAdminService],
  exports: [RefundsService, RefundsAdminService],
})
export class RefundsModule {}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, REDIS } from '@app/common';
import { CreditsModule } from '@app/credits';
import { PaymentsController, PaymentsPublicController } from './checkout/payments.controller';
import { PaymentsService } from './checkout/payments.service';
import { PAYMENT_GATEWAY, paymentGatewayProvider } from './gateway';
import { CreditPackageEntity } from './orders/credit-package.entity';
import { PaymentOrderEntity } from './orders/payment-order.entity';
import { PaymentEntity } from './orders/payment.entity';

/** Credit purchases. Exports the gateway (Toss with TOSS_SECRET_KEY, else the Redis sandbox) for refunds. */
@Module({
  imports: [CreditsModule, TypeOrmModule.forFeature([CreditPackageEntity, PaymentOrderEntity, PaymentEntity])],
  controllers: [PaymentsPublicController, PaymentsController],
  providers: [paymentGatewayProvider({ config: APP_CONFIG, redis: REDIS }), PaymentsService],
  exports: [PAYMENT_GATEWAY, PaymentsService],
})
export class PaymentsModule {}

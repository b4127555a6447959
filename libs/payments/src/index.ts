export * from './gateway';
export * from './orders/credit-package.entity';
export * from './orders/payment-order.entity';
export * from './orders/payment.entity';
export * from './orders/order-id';
export * from './checkout/payments.dto';
export * from './checkout/payments.service';
export * from './payments.module';

import type { FactoryProvider, InjectionToken } from '@nestjs/common';
import type Redis from 'ioredis';
import type { PaymentGateway } from './payment-gateway';
import { createPaymentGateway, type PaymentGatewaySettings } from './payment-gateway.factory';

export const PAYMENT_GATEWAY = Symbol('PAYMENT_GATEWAY');

/**
 * Nest provider of `PAYMENT_GATEWAY`. The tokens are passed in (e.g. APP_CONFIG and REDIS from
 * @app/common) so the gateway library does not depend on the app's modules.
 * Check `instanceof SandboxGateway` to expose the sandbox checkout.
 */
export function paymentGatewayProvider(tokens: {
  config: InjectionToken;
  redis: InjectionToken;
}): FactoryProvider<PaymentGateway> {
  return {
    provide: PAYMENT_GATEWAY,
    inject: [tokens.config, tokens.redis],
    useFactory: (settings: PaymentGatewaySettings, redis: Redis) => createPaymentGateway(settings, redis),
  };
}

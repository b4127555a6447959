import type Redis from 'ioredis';
import type { PaymentGateway } from './payment-gateway';
import { SandboxGateway } from './sandbox.gateway';
import { TossPaymentsGateway } from './toss-payments.gateway';

/** The settings the gateway reads; structurally a subset of the app config. */
export interface PaymentGatewaySettings {
  TOSS_SECRET_KEY?: string;
  TOSS_BASE_URL?: string;
  TOSS_TIMEOUT_MS?: number;
  REDIS_PREFIX?: string;
}

export type PaymentGatewayMode = 'toss' | 'sandbox';

/** Toss when a secret key is configured, otherwise the offline sandbox. */
export function paymentGatewayMode(settings: PaymentGatewaySettings): PaymentGatewayMode {
  return settings.TOSS_SECRET_KEY ? 'toss' : 'sandbox';
}

export function sandboxKeyPrefix(settings: PaymentGatewaySettings): string {
  return `${settings.REDIS_PREFIX || 'sb'}:toss-sandbox:`;
}

/** `redis` is borrowed by the sandbox (and unused by Toss); its owner closes it. */
export function createPaymentGateway(settings: PaymentGatewaySettings, redis: Redis): PaymentGateway {
  if (paymentGatewayMode(settings) === 'toss') {
    return new TossPaymentsGateway({
      secretKey: settings.TOSS_SECRET_KEY as string,
      baseUrl: settings.TOSS_BASE_URL,
      timeoutMs: settings.TOSS_TIMEOUT_MS,
    });
  }
  return SandboxGateway.withRedis(redis, { keyPrefix: sandboxKeyPrefix(settings) });
}

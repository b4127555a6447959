import type { CancelPaymentParams, ConfirmPaymentParams, Payment } from './payment.types';

/**
 * The payment provider as the application sees it. Every method either returns the provider's
 * `Payment` or throws a `PaymentGatewayError` whose `outcome` says whether the request was
 * definitely refused or may have been applied.
 */
export interface PaymentGateway {
  /** `idempotencyKey` must be persisted before the call and reused on every retry (≤ 300 chars). */
  confirm(params: ConfirmPaymentParams, idempotencyKey: string): Promise<Payment>;
  cancel(paymentKey: string, params: CancelPaymentParams, idempotencyKey: string): Promise<Payment>;
  getPayment(paymentKey: string): Promise<Payment>;
}

export const MAX_IDEMPOTENCY_KEY_LENGTH = 300;

import type { QueryClient } from '@tanstack/react-query';
import { client, unwrap, type Schema } from '../../../api/client';
import { accountKeys } from '../keys';

export type PaymentOrder = Schema<'PaymentOrderDto'>;
export type ConfirmBody = Schema<'ConfirmPaymentDto'>;

/**
 * Where a new order goes to be paid. The checkout is split in three steps so that the gateway is pluggable:
 *   1. createOrder()            → the server fixes the amount and says which gateway (`order.checkout.mode`)
 *   2. authorize at the gateway → sandbox: our own payment sheet (/checkout/sandbox, POST sandbox/authorize);
 *                                  toss: the Toss payment widget (loaded with `order.checkout.clientKey`) would
 *                                  redirect to /checkout/success?paymentKey&orderId&amount — not bundled here
 *   3. confirmPayment()         → POST /api/payments/confirm, the same call for both gateways
 */
export function checkoutPath(order: PaymentOrder): string | null {
  if (order.checkout.mode === 'sandbox')
    return `/checkout/sandbox?orderId=${encodeURIComponent(order.orderId)}`;
  return null;
}

export function createOrder(packageId: string): Promise<PaymentOrder> {
  return unwrap(client.POST('/api/payments/orders', { body: { packageId } }));
}

export function authorizeSandbox(orderId: string): Promise<ConfirmBody> {
  return unwrap(client.POST('/api/payments/sandbox/authorize', { body: { orderId } }));
}

/** Confirms with the gateway and grants the credits; refreshes everything that shows credits or payments. */
export async function confirmPayment(body: ConfirmBody, queryClient: QueryClient) {
  const payment = await unwrap(client.POST('/api/payments/confirm', { body }));
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: accountKeys.credits }),
    queryClient.invalidateQueries({ queryKey: accountKeys.payments }),
  ]);
  return payment;
}

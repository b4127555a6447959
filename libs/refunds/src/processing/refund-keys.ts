import type { Payment, PaymentCancel } from '@app/payments';

/**
 * Keys of one refund:
 * - gateway Idempotency-Key: `refund:<id>` for the first attempt, `refund:<id>:attempt-<n>` after a
 *   support retry of a definitely refused one (a new request to Toss). Stored on the row before the
 *   first call of that attempt and reused on every retry of it.
 * - ledger: `refund_clawback:<id>` (one clawback per refund, whichever path completes it).
 * - BullMQ job id: the refund id, `<id>-attempt-<n>` after a support retry (a finished job keeps its id).
 */
export function gatewayIdempotencyKey(refundId: string, attempt: number): string {
  return attempt <= 1 ? `refund:${refundId}` : `refund:${refundId}:attempt-${attempt}`;
}

export const clawbackLedgerKey = (refundId: string): string => `refund_clawback:${refundId}`;

export function refundJobId(refundId: string, attempt: number): string {
  return attempt <= 1 ? refundId : `${refundId}-attempt-${attempt}`;
}

/** The marker in `cancelReason` that lets a read-back find this refund's cancel (Toss keeps the reason). */
export const cancelMarker = (refundId: string): string => `[refund ${refundId}]`;

export function cancelReason(refundId: string, reason: string): string {
  const marker = cancelMarker(refundId);
  const text = reason.replace(/\s+/g, ' ').trim();
  return `${marker} ${text}`.slice(0, 200).trim();
}

/**
 * The cancel of this refund in a payment read back from the gateway: DONE, carrying the refund's
 * marker and amount, and not already recorded by another refund (`knownTransactionKeys`).
 */
export function findRefundCancel(
  payment: Pick<Payment, 'cancels'>,
  refund: { id: string; refundAmount: number },
  knownTransactionKeys: readonly string[] = [],
): PaymentCancel | null {
  const marker = cancelMarker(refund.id);
  const match = (payment.cancels ?? []).find(
    (c) =>
      c.cancelStatus === 'DONE' &&
      c.cancelReason.includes(marker) &&
      c.cancelAmount === refund.refundAmount &&
      !knownTransactionKeys.includes(c.transactionKey),
  );
  return match ?? null;
}

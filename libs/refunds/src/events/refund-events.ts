/**
 * The socket.io event of refunds, server → client, emitted to the owner's room `user:<id>` only.
 * Keep this file free of imports (the SPA may mirror it).
 */
export const REFUND_EVENTS = { updated: 'refund.updated' } as const;

export interface RefundUpdatedEvent {
  refundId: string;
  paymentKey: string;
  /** pending | held | processing | approved | failed | rejected */
  status: string;
  refundAmount: number;
  failureCode: string | null;
  emittedAt: number;
}

/** The custom event on the `refunds` queue's event stream (QueueEventsProducer); every field is a string. */
export const REFUND_STREAM_EVENT = 'refund.updated' as const;

export interface RefundStreamFields {
  jobId: string;
  userId: string;
  paymentKey: string;
  status: string;
  refundAmount: string;
  failureCode: string;
  emittedAt: string;
}

/** Stream fields → the socket payload (the API side). */
export function toRefundUpdatedEvent(args: Record<string, string>): { userId: string; event: RefundUpdatedEvent } {
  return {
    userId: args.userId,
    event: {
      refundId: args.jobId,
      paymentKey: args.paymentKey,
      status: args.status,
      refundAmount: Number(args.refundAmount),
      failureCode: args.failureCode ? args.failureCode : null,
      emittedAt: Number(args.emittedAt),
    },
  };
}

/** Toss Payments `Payment.status`. */
export type PaymentStatus =
  | 'READY'
  | 'IN_PROGRESS'
  | 'WAITING_FOR_DEPOSIT'
  | 'DONE'
  | 'CANCELED'
  | 'PARTIAL_CANCELED'
  | 'ABORTED'
  | 'EXPIRED';

/** One entry of `Payment.cancels`. Amounts are integer won. */
export interface PaymentCancel {
  transactionKey: string;
  cancelAmount: number;
  cancelReason: string;
  taxFreeAmount: number;
  /** What could still be cancelled right after this cancel. */
  refundableAmount: number;
  /** ISO 8601 with offset, e.g. `2024-01-01T12:00:00+09:00`. */
  canceledAt: string;
  /** `DONE` means the cancel went through. */
  cancelStatus: string;
}

/** The fields of the Toss `Payment` object that the integration relies on. */
export interface Payment {
  paymentKey: string;
  orderId: string;
  orderName: string | null;
  status: PaymentStatus;
  method: string | null;
  currency: string;
  totalAmount: number;
  /** What can still be cancelled. */
  balanceAmount: number;
  taxFreeAmount: number;
  isPartialCancelable: boolean;
  requestedAt: string;
  approvedAt: string | null;
  lastTransactionKey: string | null;
  /** Toss sends `null` when there is no cancel; the gateways always give an array. */
  cancels: PaymentCancel[];
}

export interface ConfirmPaymentParams {
  paymentKey: string;
  orderId: string;
  amount: number;
}

export interface CancelPaymentParams {
  cancelReason: string;
  /** Omit for a full cancel. */
  cancelAmount?: number;
  /** When given, Toss refuses the cancel unless it equals the current `balanceAmount`. */
  refundableAmount?: number;
  taxFreeAmount?: number;
}

/** Toss error body. */
export interface TossErrorBody {
  code: string;
  message: string;
}

/**
 * `refused`: the provider definitely did not apply the request.
 * `unknown`: it may or may not have been applied; read the payment back and reconcile,
 * and retry only with the same idempotency key.
 */
export type PaymentOutcome = 'refused' | 'unknown';

/** Codes raised by the client itself, never sent by Toss. */
export const TransportErrorCode = {
  TIMEOUT: 'TIMEOUT',
  NETWORK_ERROR: 'NETWORK_ERROR',
  /** A 2xx answer that is not a Payment object: it may have been applied. */
  INVALID_RESPONSE: 'INVALID_RESPONSE',
} as const;

/**
 * Toss codes that mean "this request was not applied". Anything else, every 5xx and every
 * transport failure is treated as outcome unknown, which is always the safe reading.
 * ALREADY_CANCELED_PAYMENT / ALREADY_PROCESSED_PAYMENT are definite for *this* request, but after
 * an earlier timeout they usually mean the earlier attempt succeeded: reconcile before failing.
 */
export const DEFINITE_REFUSAL_CODES: ReadonlySet<string> = new Set([
  // common
  'INVALID_REQUEST',
  'INVALID_IDEMPOTENCY_KEY',
  'UNAUTHORIZED_KEY',
  'INVALID_API_KEY',
  'INCORRECT_BASIC_AUTH_FORMAT',
  'FORBIDDEN_REQUEST',
  'FORBIDDEN_CONSECUTIVE_REQUEST',
  'NOT_FOUND_PAYMENT',
  'NOT_FOUND',
  // confirm
  'ALREADY_PROCESSED_PAYMENT',
  'NOT_FOUND_PAYMENT_SESSION',
  'UNAPPROVED_ORDER_ID',
  'DUPLICATED_ORDER_ID',
  'BELOW_MINIMUM_AMOUNT',
  'EXCEED_MAX_AMOUNT',
  'EXCEED_MAX_PAYMENT_AMOUNT',
  'EXCEED_MAX_DAILY_PAYMENT_COUNT',
  'EXCEED_MAX_MONTHLY_PAYMENT_AMOUNT',
  'INVALID_CARD_NUMBER',
  'INVALID_CARD_EXPIRATION',
  'INVALID_STOPPED_CARD',
  'INVALID_REJECT_CARD',
  'INVALID_CARD_LOST_OR_STOLEN',
  'REJECT_CARD_PAYMENT',
  'REJECT_CARD_COMPANY',
  'REJECT_ACCOUNT_PAYMENT',
  'FDS_ERROR',
  // cancel
  'ALREADY_CANCELED_PAYMENT',
  'ALREADY_REFUND_PAYMENT',
  'NOT_MATCHES_REFUNDABLE_AMOUNT',
  'REFUND_REJECTED',
  'NOT_CANCELABLE_AMOUNT',
  'NOT_CANCELABLE_PAYMENT',
  'EXCEED_MAX_REFUND_DUE',
  'NOT_ALLOWED_PARTIAL_REFUND',
  'NOT_ALLOWED_PARTIAL_REFUND_WAITING_DEPOSIT',
  'EXCEED_CANCEL_LIMIT',
]);

/** Classifies a Toss error answer. */
export function classifyTossError(httpStatus: number, code: string): PaymentOutcome {
  if (httpStatus >= 500) return 'unknown';
  // PROVIDER_ERROR is a 400 and IDEMPOTENT_REQUEST_PROCESSING a 409, yet neither is definite.
  if (httpStatus >= 400 && DEFINITE_REFUSAL_CODES.has(code)) return 'refused';
  return 'unknown';
}

export interface PaymentGatewayErrorInit {
  outcome: PaymentOutcome;
  /** Toss code, or one of `TransportErrorCode`. */
  code: string;
  message: string;
  httpStatus?: number;
  cause?: unknown;
}

export class PaymentGatewayError extends Error {
  readonly outcome: PaymentOutcome;
  readonly code: string;
  readonly httpStatus?: number;

  constructor(init: PaymentGatewayErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'PaymentGatewayError';
    this.outcome = init.outcome;
    this.code = init.code;
    this.httpStatus = init.httpStatus;
  }

  static fromTossError(httpStatus: number, code: string, message: string): PaymentGatewayError {
    return new PaymentGatewayError({
      outcome: classifyTossError(httpStatus, code),
      code,
      message,
      httpStatus,
    });
  }

  static refused(code: string, message: string, httpStatus?: number): PaymentGatewayError {
    return new PaymentGatewayError({ outcome: 'refused', code, message, httpStatus });
  }
}

export function isPaymentGatewayError(err: unknown): err is PaymentGatewayError {
  return err instanceof PaymentGatewayError;
}

/** True when the provider definitely did not apply the request. */
export function isDefiniteRefusal(err: unknown): err is PaymentGatewayError {
  return err instanceof PaymentGatewayError && err.outcome === 'refused';
}

/** True when the request may have been applied: reconcile by reading the payment back. */
export function isOutcomeUnknown(err: unknown): boolean {
  return !isDefiniteRefusal(err);
}

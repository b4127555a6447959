import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { systemClock, type Clock } from '../clock';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../payment-gateway';
import type { CancelPaymentParams, ConfirmPaymentParams, Payment, PaymentCancel } from '../payment.types';
import { formatKst } from './kst-time';
import { LockTimeoutError, type SimResponse, type TossStore, type TossWrites } from './toss-store';

export const CONFIRM_PATH = '/v1/payments/confirm';
export const cancelPath = (paymentKey: string): string => `/v1/payments/${paymentKey}/cancel`;

/** A simulator answer plus what happened to the state. */
export interface SimResult extends SimResponse {
  /** The request changed the state (false for refusals and idempotent replays). */
  applied: boolean;
  /** The answer is the stored answer to an earlier request with the same idempotency key. */
  replayed: boolean;
}

export interface IdGenerator {
  paymentKey(): string;
  transactionKey(): string;
}

export interface TossSimulatorOptions {
  clock?: Clock;
  ids?: IdGenerator;
  /** A second cancel of one payment within this window is refused. Default 1000 ms. */
  consecutiveCancelWindowMs?: number;
  /** Confirm must follow the authorisation within this window. Default 10 min. */
  confirmWindowMs?: number;
  /** Default 15 days. */
  idempotencyTtlMs?: number;
}

export interface AuthorizeInput {
  orderId: string;
  amount: number;
  method?: string;
  orderName?: string;
  isPartialCancelable?: boolean;
}

const defaultIds: IdGenerator = {
  paymentKey: () => `tsim${randomBytes(18).toString('base64url').replace(/[-_]/g, '0')}`,
  transactionKey: () => randomBytes(16).toString('hex').toUpperCase(),
};

const orderId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'must be 6-64 characters of [A-Za-z0-9_-]');
const won = z.number().int().nonnegative();
const optionalWon = won.nullish().transform((value) => value ?? undefined);

const authorizeSchema = z.object({
  orderId,
  amount: won.positive(),
  method: z.string().min(1).optional(),
  orderName: z.string().max(100).optional(),
  isPartialCancelable: z.boolean().optional(),
});

const confirmSchema = z.object({
  paymentKey: z.string().min(1).max(200),
  orderId,
  amount: won.positive(),
});

const cancelSchema = z.object({
  cancelReason: z.string().min(1).max(200),
  cancelAmount: optionalWon.refine((value) => value !== 0, 'must be positive'),
  refundableAmount: optionalWon,
  taxFreeAmount: optionalWon,
});

interface Outcome {
  response: SimResponse;
  /** Committed even when the response is an error (e.g. a payment that expired). */
  writes?: TossWrites;
}

/**
 * The rules of the Toss payments API, over a pluggable store, shared by the fake HTTP server
 * (tests) and the sandbox gateway (offline demo) so both behave identically.
 *
 * Idempotency: only successful answers are stored. A refused request changed nothing, so running
 * it again gives the same refusal unless the state moved on, and a FORBIDDEN_CONSECUTIVE_REQUEST
 * can then be retried under the same key, as the notes prescribe.
 */
export class TossSimulator {
  private readonly clock: Clock;
  private readonly ids: IdGenerator;
  private readonly consecutiveCancelWindowMs: number;
  private readonly confirmWindowMs: number;
  private readonly idempotencyTtlMs: number;

  constructor(
    private readonly store: TossStore,
    options: TossSimulatorOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.ids = options.ids ?? defaultIds;
    this.consecutiveCancelWindowMs = options.consecutiveCancelWindowMs ?? 1000;
    this.confirmWindowMs = options.confirmWindowMs ?? 10 * 60 * 1000;
    this.idempotencyTtlMs = options.idempotencyTtlMs ?? 15 * 24 * 60 * 60 * 1000;
  }

  /** The customer's authorisation in the checkout window: creates an IN_PROGRESS payment. */
  async authorize(input: AuthorizeInput): Promise<SimResult> {
    const parsed = authorizeSchema.safeParse(input);
    if (!parsed.success) return invalidRequest(parsed.error);
    const data = parsed.data;
    return this.guard(() =>
      this.store.withLock(`order:${data.orderId}`, async () => {
        if (await this.store.getPaymentKeyByOrderId(data.orderId)) {
          return errorResult(
            400,
            'DUPLICATED_ORDER_ID',
            'The orderId has already been used for another payment.',
          );
        }
        const paymentKey = this.ids.paymentKey();
        const payment: Payment = {
          paymentKey,
          orderId: data.orderId,
          orderName: data.orderName ?? null,
          status: 'IN_PROGRESS',
          method: data.method ?? '카드',
          currency: 'KRW',
          totalAmount: data.amount,
          balanceAmount: data.amount,
          taxFreeAmount: 0,
          isPartialCancelable: data.isPartialCancelable ?? true,
          requestedAt: formatKst(this.clock.now()),
          approvedAt: null,
          lastTransactionKey: null,
          cancels: [],
        };
        await this.store.commit({ payment, orderIndex: { orderId: data.orderId, paymentKey } });
        return { status: 200, body: payment, applied: true, replayed: false };
      }),
    );
  }

  /** `POST /v1/payments/confirm`. */
  async confirm(body: unknown, idempotencyKey?: string): Promise<SimResult> {
    const keyRefusal = checkIdempotencyKey(idempotencyKey);
    if (keyRefusal) return keyRefusal;
    const parsed = confirmSchema.safeParse(body);
    if (!parsed.success) return invalidRequest(parsed.error);
    const params = parsed.data;
    return this.execute(CONFIRM_PATH, params.paymentKey, idempotencyKey, () => this.applyConfirm(params));
  }

  /** `POST /v1/payments/{paymentKey}/cancel`. */
  async cancel(paymentKey: string, body: unknown, idempotencyKey?: string): Promise<SimResult> {
    const keyRefusal = checkIdempotencyKey(idempotencyKey);
    if (keyRefusal) return keyRefusal;
    const parsed = cancelSchema.safeParse(body);
    if (!parsed.success) return invalidRequest(parsed.error);
    const params = parsed.data;
    return this.execute(cancelPath(paymentKey), paymentKey, idempotencyKey, () =>
      this.applyCancel(paymentKey, params),
    );
  }

  /** `GET /v1/payments/{paymentKey}`. */
  async getPayment(paymentKey: string): Promise<SimResult> {
    const payment = await this.store.getPayment(paymentKey);
    if (!payment) return notFoundPayment();
    return { status: 200, body: payment, applied: false, replayed: false };
  }

  private async execute(
    path: string,
    paymentKey: string,
    idempotencyKey: string | undefined,
    run: () => Promise<Outcome>,
  ): Promise<SimResult> {
    const scope = idempotencyKey === undefined ? undefined : `POST ${path} ${idempotencyKey}`;
    const applyUnderPaymentLock = () =>
      this.store.withLock(`payment:${paymentKey}`, async (): Promise<SimResult> => {
        const { response, writes } = await run();
        const success = response.status < 300;
        const idempotency = success && scope ? { scope, response, ttlMs: this.idempotencyTtlMs } : undefined;
        if (writes || idempotency) await this.store.commit({ ...writes, idempotency });
        return { ...response, applied: success, replayed: false };
      });

    return this.guard(async () => {
      if (!scope) return applyUnderPaymentLock();
      const attempt = await this.store.tryWithLock(`idem:${scope}`, async (): Promise<SimResult> => {
        const previous = await this.store.getIdempotentResponse(scope);
        if (previous) return { ...previous, applied: false, replayed: true };
        return applyUnderPaymentLock();
      });
      if (attempt.acquired) return attempt.value;
      return errorResult(
        409,
        'IDEMPOTENT_REQUEST_PROCESSING',
        'The first request with this Idempotency-Key is still being processed.',
      );
    });
  }

  private async applyConfirm(params: ConfirmPaymentParams): Promise<Outcome> {
    const now = this.clock.now();
    const payment = await this.store.getPayment(params.paymentKey);
    if (!payment || payment.status === 'EXPIRED') return { response: notFoundSession() };
    if (payment.orderId !== params.orderId) {
      return { response: errorResult(400, 'INVALID_REQUEST', 'The orderId does not match the payment.') };
    }
    if (payment.status !== 'IN_PROGRESS') {
      return {
        response: errorResult(
          400,
          'ALREADY_PROCESSED_PAYMENT',
          'This is a payment that has already been processed.',
        ),
      };
    }
    if (now - Date.parse(payment.requestedAt) > this.confirmWindowMs) {
      return { response: notFoundSession(), writes: { payment: { ...payment, status: 'EXPIRED' } } };
    }
    if (params.amount !== payment.totalAmount) {
      return {
        response: errorResult(
          400,
          'INVALID_REQUEST',
          'The amount does not match the amount the customer authorised.',
        ),
      };
    }
    const transactionKey = this.ids.transactionKey();
    const confirmed: Payment = {
      ...payment,
      status: 'DONE',
      approvedAt: formatKst(now),
      balanceAmount: payment.totalAmount,
      lastTransactionKey: transactionKey,
    };
    return { response: { status: 200, body: confirmed }, writes: { payment: confirmed } };
  }

  private async applyCancel(paymentKey: string, params: CancelPaymentParams): Promise<Outcome> {
    const now = this.clock.now();
    const payment = await this.store.getPayment(paymentKey);
    if (!payment) return { response: notFoundPayment() };

    const lastCancelAt = await this.store.getLastCancelAt(paymentKey);
    if (lastCancelAt !== undefined && now - lastCancelAt < this.consecutiveCancelWindowMs) {
      return {
        response: errorResult(
          403,
          'FORBIDDEN_CONSECUTIVE_REQUEST',
          'Consecutive requests are not allowed. Please try again later.',
        ),
      };
    }
    if (payment.status === 'CANCELED') {
      return {
        response: errorResult(400, 'ALREADY_CANCELED_PAYMENT', 'The payment has already been canceled.'),
      };
    }
    if (payment.status !== 'DONE' && payment.status !== 'PARTIAL_CANCELED') {
      return { response: errorResult(403, 'NOT_CANCELABLE_PAYMENT', 'The payment cannot be canceled.') };
    }
    if (params.refundableAmount !== undefined && params.refundableAmount !== payment.balanceAmount) {
      return {
        response: errorResult(
          400,
          'NOT_MATCHES_REFUNDABLE_AMOUNT',
          'The refundable amount does not match the balance.',
        ),
      };
    }
    const cancelAmount = params.cancelAmount ?? payment.balanceAmount;
    if (cancelAmount > payment.balanceAmount) {
      return { response: errorResult(403, 'NOT_CANCELABLE_AMOUNT', 'The amount cannot be canceled.') };
    }
    if (cancelAmount < payment.balanceAmount && !payment.isPartialCancelable) {
      return {
        response: errorResult(
          403,
          'NOT_ALLOWED_PARTIAL_REFUND',
          'Partial refunds are not allowed for this payment.',
        ),
      };
    }
    const taxFreeAmount = params.taxFreeAmount ?? 0;
    if (taxFreeAmount > cancelAmount) {
      return { response: errorResult(400, 'INVALID_REQUEST', 'taxFreeAmount cannot exceed cancelAmount.') };
    }

    const balanceAmount = payment.balanceAmount - cancelAmount;
    const cancel: PaymentCancel = {
      transactionKey: this.ids.transactionKey(),
      cancelAmount,
      cancelReason: params.cancelReason,
      taxFreeAmount,
      refundableAmount: balanceAmount,
      canceledAt: formatKst(now),
      cancelStatus: 'DONE',
    };
    const canceled: Payment = {
      ...payment,
      status: balanceAmount === 0 ? 'CANCELED' : 'PARTIAL_CANCELED',
      balanceAmount,
      lastTransactionKey: cancel.transactionKey,
      cancels: [...payment.cancels, cancel],
    };
    return {
      response: { status: 200, body: canceled },
      writes: { payment: canceled, lastCancelAt: { paymentKey, at: now } },
    };
  }

  private async guard(run: () => Promise<SimResult>): Promise<SimResult> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof LockTimeoutError) {
        return errorResult(
          500,
          'FAILED_INTERNAL_SYSTEM_PROCESSING',
          'Internal system processing failed. Please try again.',
        );
      }
      throw err;
    }
  }
}

/** Builds an error answer; `applied` is false by construction. */
function errorResult(status: number, code: string, message: string): SimResult {
  return { status, body: { code, message }, applied: false, replayed: false };
}

function notFoundPayment(): SimResult {
  return errorResult(404, 'NOT_FOUND_PAYMENT', 'The payment does not exist.');
}

function notFoundSession(): SimResult {
  return errorResult(404, 'NOT_FOUND_PAYMENT_SESSION', 'The payment session has expired or does not exist.');
}

function invalidRequest(error: z.ZodError): SimResult {
  const issue = error.issues[0];
  const detail = issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid body';
  return errorResult(400, 'INVALID_REQUEST', `The bad request. (${detail})`);
}

function checkIdempotencyKey(key: string | undefined): SimResult | undefined {
  if (key === undefined) return undefined;
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    return errorResult(
      400,
      'INVALID_IDEMPOTENCY_KEY',
      `Idempotency-Key must be 1-${MAX_IDEMPOTENCY_KEY_LENGTH} characters.`,
    );
  }
  return undefined;
}

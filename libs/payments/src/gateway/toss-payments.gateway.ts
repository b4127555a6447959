import { MAX_IDEMPOTENCY_KEY_LENGTH, type PaymentGateway } from './payment-gateway';
import { PaymentGatewayError, TransportErrorCode } from './payment-gateway.error';
import type { CancelPaymentParams, ConfirmPaymentParams, Payment } from './payment.types';
import { tossErrorSchema, tossPaymentSchema } from './toss-payment.schema';

export const TOSS_API_BASE_URL = 'https://api.tosspayments.com';

export interface TossPaymentsGatewayOptions {
  /** `test_sk_…` or `live_sk_…`. */
  secretKey: string;
  /** Default https://api.tosspayments.com. */
  baseUrl?: string;
  /** Per request, including reading the body. Default 10 000 ms. */
  timeoutMs?: number;
  /** Replaceable for tests; default the global fetch. */
  fetch?: typeof fetch;
}

interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  idempotencyKey?: string;
}

/** HTTP client of the Toss Payments core API. */
export class TossPaymentsGateway implements PaymentGateway {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  private readonly authorization: string;
  private readonly fetchFn: typeof fetch;

  constructor(options: TossPaymentsGatewayOptions) {
    if (!options.secretKey) throw new Error('TossPaymentsGateway: secretKey is required');
    this.baseUrl = (options.baseUrl ?? TOSS_API_BASE_URL).replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    // The trailing colon (empty password) is required by Toss.
    this.authorization = `Basic ${Buffer.from(`${options.secretKey}:`).toString('base64')}`;
    this.fetchFn = options.fetch ?? fetch;
  }

  async confirm(params: ConfirmPaymentParams, idempotencyKey: string): Promise<Payment> {
    assertWon(params.amount, 'amount');
    return this.request({
      method: 'POST',
      path: '/v1/payments/confirm',
      body: { paymentKey: params.paymentKey, orderId: params.orderId, amount: params.amount },
      idempotencyKey,
    });
  }

  async cancel(paymentKey: string, params: CancelPaymentParams, idempotencyKey: string): Promise<Payment> {
    assertWon(params.cancelAmount, 'cancelAmount');
    assertWon(params.refundableAmount, 'refundableAmount');
    assertWon(params.taxFreeAmount, 'taxFreeAmount');
    return this.request({
      method: 'POST',
      path: `/v1/payments/${encodeURIComponent(paymentKey)}/cancel`,
      body: {
        cancelReason: params.cancelReason,
        cancelAmount: params.cancelAmount,
        refundableAmount: params.refundableAmount,
        taxFreeAmount: params.taxFreeAmount,
      },
      idempotencyKey,
    });
  }

  async getPayment(paymentKey: string): Promise<Payment> {
    return this.request({ method: 'GET', path: `/v1/payments/${encodeURIComponent(paymentKey)}` });
  }

  private async request(spec: RequestSpec): Promise<Payment> {
    const headers: Record<string, string> = {
      Authorization: this.authorization,
      'Accept-Language': 'en-US',
      Accept: 'application/json',
    };
    if (spec.method === 'POST') {
      assertIdempotencyKey(spec.idempotencyKey);
      headers['Idempotency-Key'] = spec.idempotencyKey;
      headers['Content-Type'] = 'application/json';
    }

    let status: number;
    let text: string;
    try {
      const response = await this.fetchFn(`${this.baseUrl}${spec.path}`, {
        method: spec.method,
        headers,
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (err) {
      throw transportError(err, this.timeoutMs);
    }

    if (status >= 200 && status < 300) return parsePayment(text, status);
    throw parseError(text, status);
  }
}

function parsePayment(text: string, status: number): Payment {
  const parsed = tossPaymentSchema.safeParse(safeJson(text));
  if (parsed.success) return parsed.data;
  throw new PaymentGatewayError({
    outcome: 'unknown',
    code: TransportErrorCode.INVALID_RESPONSE,
    message: `Toss answered ${status} with a body that is not a Payment object`,
    httpStatus: status,
    cause: parsed.error,
  });
}

function parseError(text: string, status: number): PaymentGatewayError {
  const parsed = tossErrorSchema.safeParse(safeJson(text));
  if (parsed.success) return PaymentGatewayError.fromTossError(status, parsed.data.code, parsed.data.message);
  // No Toss error body (e.g. a proxy's 502 page): classify by status only.
  return PaymentGatewayError.fromTossError(
    status,
    `HTTP_${status}`,
    `Toss answered ${status} without an error body`,
  );
}

function transportError(err: unknown, timeoutMs: number): PaymentGatewayError {
  // Duck-typed: fetch errors may come from another realm (e.g. under jest), failing instanceof.
  const { name, message, cause } = (err ?? {}) as {
    name?: unknown;
    message?: unknown;
    cause?: { code?: unknown; message?: unknown };
  };
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new PaymentGatewayError({
      outcome: 'unknown',
      code: TransportErrorCode.TIMEOUT,
      message: `No answer from Toss within ${timeoutMs} ms`,
      cause: err,
    });
  }
  const detail = [message, cause?.code ?? cause?.message]
    .filter((part) => typeof part === 'string')
    .join(': ');
  return new PaymentGatewayError({
    outcome: 'unknown',
    code: TransportErrorCode.NETWORK_ERROR,
    message: `Request to Toss failed: ${detail || String(err)}`,
    cause: err,
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function assertIdempotencyKey(key: string | undefined): asserts key is string {
  if (!key || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw PaymentGatewayError.refused(
      'INVALID_IDEMPOTENCY_KEY',
      `Idempotency-Key must be 1-${MAX_IDEMPOTENCY_KEY_LENGTH} characters (got ${key?.length ?? 0}); nothing was sent`,
    );
  }
}

function assertWon(value: number | undefined, field: string): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) {
    throw PaymentGatewayError.refused(
      'INVALID_REQUEST',
      `${field} must be a non-negative integer amount of won; nothing was sent`,
    );
  }
}

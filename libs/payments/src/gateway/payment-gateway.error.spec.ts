import {
  PaymentGatewayError,
  classifyTossError,
  isDefiniteRefusal,
  isOutcomeUnknown,
} from './payment-gateway.error';

describe('classifyTossError', () => {
  it.each([
    [400, 'ALREADY_CANCELED_PAYMENT'],
    [400, 'INVALID_REQUEST'],
    [400, 'NOT_MATCHES_REFUNDABLE_AMOUNT'],
    [400, 'REFUND_REJECTED'],
    [400, 'INVALID_IDEMPOTENCY_KEY'],
    [400, 'ALREADY_PROCESSED_PAYMENT'],
    [403, 'NOT_CANCELABLE_AMOUNT'],
    [403, 'NOT_CANCELABLE_PAYMENT'],
    [403, 'EXCEED_MAX_REFUND_DUE'],
    [403, 'NOT_ALLOWED_PARTIAL_REFUND'],
    [403, 'FORBIDDEN_CONSECUTIVE_REQUEST'],
    [404, 'NOT_FOUND_PAYMENT'],
    [404, 'NOT_FOUND_PAYMENT_SESSION'],
    [401, 'UNAUTHORIZED_KEY'],
  ])('%i %s is a definite refusal', (status, code) => {
    expect(classifyTossError(status, code)).toBe('refused');
  });

  it.each([
    [400, 'PROVIDER_ERROR'],
    [409, 'IDEMPOTENT_REQUEST_PROCESSING'],
    [500, 'FAILED_INTERNAL_SYSTEM_PROCESSING'],
    [500, 'FAILED_REFUND_PROCESS'],
    [500, 'ALREADY_CANCELED_PAYMENT'],
    [502, 'HTTP_502'],
    [400, 'SOME_NEW_CODE'],
    [429, 'TOO_MANY_REQUESTS'],
  ])('%i %s is outcome unknown', (status, code) => {
    expect(classifyTossError(status, code)).toBe('unknown');
  });
});

describe('PaymentGatewayError', () => {
  it('carries outcome, code, status and message', () => {
    const err = PaymentGatewayError.fromTossError(403, 'NOT_CANCELABLE_AMOUNT', 'nope');
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({
      name: 'PaymentGatewayError',
      outcome: 'refused',
      code: 'NOT_CANCELABLE_AMOUNT',
      httpStatus: 403,
    });
    expect(err.message).toBe('nope');
    expect(isDefiniteRefusal(err)).toBe(true);
    expect(isOutcomeUnknown(err)).toBe(false);
  });

  it('treats anything that is not a refusal as unknown', () => {
    expect(isDefiniteRefusal(new Error('x'))).toBe(false);
    expect(isDefiniteRefusal({ outcome: 'refused' })).toBe(false);
    expect(isOutcomeUnknown(new Error('x'))).toBe(true);
    expect(
      isOutcomeUnknown(new PaymentGatewayError({ outcome: 'unknown', code: 'TIMEOUT', message: 't' })),
    ).toBe(true);
  });
});

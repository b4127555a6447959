import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../gateway';
import { confirmIdempotencyKey, newOrderId, ORDER_ID_PATTERN, purchaseLedgerKey } from './order-id';

describe('order ids', () => {
  it('follow the Toss orderId rules and never repeat', () => {
    const ids = Array.from({ length: 500 }, () => newOrderId());
    for (const id of ids) expect(id).toMatch(ORDER_ID_PATTERN);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('derive a stable confirm idempotency key within the Toss length limit', () => {
    const id = newOrderId();
    expect(confirmIdempotencyKey(id)).toBe(confirmIdempotencyKey(id));
    expect(confirmIdempotencyKey(id).length).toBeLessThanOrEqual(MAX_IDEMPOTENCY_KEY_LENGTH);
    expect(purchaseLedgerKey(id)).toBe(`purchase:${id}`);
  });
});

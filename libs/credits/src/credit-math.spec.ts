import { applyChange } from './credit-math';

describe('applyChange', () => {
  it('adds a grant to the balance', () => {
    expect(applyChange(5, { kind: 'credit', amount: 10 })).toEqual({ ok: true, change: { amount: 10, balanceAfter: 15 } });
  });

  it('lets a spend take the balance exactly to zero', () => {
    expect(applyChange(3, { kind: 'debit', amount: 3 })).toEqual({ ok: true, change: { amount: -3, balanceAfter: 0 } });
  });

  it('refuses a spend larger than the balance and reports both numbers', () => {
    expect(applyChange(2, { kind: 'debit', amount: 3 })).toEqual({ ok: false, balance: 2, required: 3 });
  });

  it('refuses a strict clawback larger than the balance', () => {
    expect(applyChange(2, { kind: 'clawback', amount: 5, allowPartial: false })).toEqual({ ok: false, balance: 2, required: 5 });
  });

  it('claws back only what is left when partial clawbacks are allowed', () => {
    expect(applyChange(2, { kind: 'clawback', amount: 5, allowPartial: true })).toEqual({ ok: true, change: { amount: -2, balanceAfter: 0 } });
  });

  it('records nothing for a partial clawback from an empty wallet', () => {
    expect(applyChange(0, { kind: 'clawback', amount: 5, allowPartial: true })).toEqual({ ok: true, change: null });
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects a non-positive or fractional amount (%p)', (amount) => {
    expect(() => applyChange(10, { kind: 'credit', amount })).toThrow(RangeError);
  });
});

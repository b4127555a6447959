import { canonicalJson, requestFingerprint } from './request-fingerprint';

const body = {
  strategy: { kind: 'template', template: 'sma-cross', params: { fast: 10, slow: 30 } },
  symbol: 'SYN',
  from: '2016-01-01',
  to: '2016-12-31',
  commission: 0.001,
  finalize: true,
};

describe('requestFingerprint', () => {
  it('is a sha256 hex digest', () => {
    expect(requestFingerprint(body)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores the order of keys, nested ones included', () => {
    const reordered = {
      finalize: true,
      commission: 0.001,
      to: '2016-12-31',
      from: '2016-01-01',
      symbol: 'SYN',
      strategy: { params: { slow: 30, fast: 10 }, template: 'sma-cross', kind: 'template' },
    };
    expect(requestFingerprint(reordered)).toBe(requestFingerprint(body));
  });

  it('ignores undefined properties', () => {
    expect(requestFingerprint({ ...body, strategyId: undefined })).toBe(requestFingerprint(body));
  });

  it('changes with any value, nested ones included', () => {
    const fingerprint = requestFingerprint(body);
    expect(requestFingerprint({ ...body, to: '2017-12-31' })).not.toBe(fingerprint);
    expect(requestFingerprint({ ...body, commission: 0.002 })).not.toBe(fingerprint);
    expect(
      requestFingerprint({ ...body, strategy: { ...body.strategy, params: { fast: 10, slow: 31 } } }),
    ).not.toBe(fingerprint);
  });

  it('treats a class instance like the plain object with the same properties', () => {
    class Dto {
      symbol = 'SYN';
      cash = 10_000;
    }
    expect(requestFingerprint(new Dto())).toBe(requestFingerprint({ cash: 10_000, symbol: 'SYN' }));
  });
});

describe('canonicalJson', () => {
  it('sorts keys recursively and keeps the order of arrays', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined, b: null }, 3] })).toBe(
      '{"a":[{"b":null,"d":2},3],"b":1}',
    );
  });
});

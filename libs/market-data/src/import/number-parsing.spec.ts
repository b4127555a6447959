import fc from 'fast-check';
import { isMissingCell, parseDecimal } from './number-parsing';

describe('parseDecimal', () => {
  it.each([
    ['100', 100],
    ['104.06', 104.06],
    ['  104.06 ', 104.06],
    ['+3', 3],
    ['-2.5', -2.5],
    ['.5', 0.5],
    ['5.', 5],
    ['1,234.5', 1234.5],
    ['35,180,000.0', 35_180_000],
    ['1e3', 1000],
    ['2.5E-2', 0.025],
    ['0.1', 0.1],
    ['46319.0', 46319],
    ['2300413.7295', 2300413.7295],
    ['12345678901234567890', 1.2345678901234567e19],
    ['0.000000000000000000000000001', 1e-27],
  ])('%j → %p', (raw, expected) => {
    expect(parseDecimal(raw)).toBe(expected);
  });

  it.each([
    '',
    ' ',
    'abc',
    '0x10',
    '0b1',
    'Infinity',
    '1e400',
    '1,5',
    '1,23',
    '12,3456',
    ',123',
    '1.2.3',
    '1e',
    '--1',
    '1 000',
    '1.5K',
    '%',
  ])('rejects %j', (raw) => {
    expect(parseDecimal(raw)).toBeNaN();
  });

  it.each([
    ['1.5K', 1500],
    ['1.5k', 1500],
    ['2.25M', 2_250_000],
    ['1.23M', 1_230_000],
    ['3B', 3e9],
    ['0.41K', 410],
    ['1,234K', 1_234_000],
    ['12 K', 12_000],
  ])('with suffixes: %j → %p', (raw, expected) => {
    expect(parseDecimal(raw, true)).toBe(expected);
  });

  it.each(['1.5X', '1.5KK', 'K'])('rejects the bad suffix %j', (raw) => {
    expect(parseDecimal(raw, true)).toBeNaN();
  });

  it('gives exactly what Number() gives for plain decimal text', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
        fc.integer({ min: 0, max: 12 }),
        (x, digits) => {
          const fixed = x.toFixed(digits);
          expect(parseDecimal(fixed)).toBe(Number(fixed));
          expect(parseDecimal(String(x))).toBe(Number(String(x)));
        },
      ),
    );
  });

  it('parses thousands-grouped integers like their plain form', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(parseDecimal(n.toLocaleString('en-US'))).toBe(n);
      }),
    );
  });
});

describe('isMissingCell', () => {
  it.each([undefined, '', '  ', '-', 'null', 'NULL', 'NaN', 'N/A', '—'])('%j is missing', (raw) => {
    expect(isMissingCell(raw)).toBe(true);
  });
  it.each(['0', '1', '-1', 'abc', 'nullish'])('%j is not missing', (raw) => {
    expect(isMissingCell(raw)).toBe(false);
  });
});

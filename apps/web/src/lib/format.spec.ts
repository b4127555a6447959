import { describe, expect, it } from 'vitest';
import {
  EMPTY,
  createFormatters,
  formatCurrency,
  formatDate,
  formatDateTime,
  formatInteger,
  formatMs,
  formatNumber,
  formatPercent,
  formatRatio,
  toIntlLocale,
} from './format';

// Intl may use a narrow no-break space in some outputs; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('toIntlLocale', () => {
  it('maps app languages to full locales', () => {
    expect(toIntlLocale('ko')).toBe('ko-KR');
    expect(toIntlLocale('en')).toBe('en-US');
  });
});

describe('missing values', () => {
  it.each([null, undefined, Number.NaN, Number.POSITIVE_INFINITY])('renders %s as an em dash', (value) => {
    for (const lng of ['ko', 'en']) {
      expect(formatNumber(value, lng)).toBe(EMPTY);
      expect(formatCurrency(value, lng)).toBe(EMPTY);
      expect(formatPercent(value, lng)).toBe(EMPTY);
      expect(formatRatio(value, lng)).toBe(EMPTY);
      expect(formatInteger(value, lng)).toBe(EMPTY);
      expect(formatMs(value, lng)).toBe(EMPTY);
    }
  });

  it('renders missing or invalid dates as an em dash', () => {
    expect(formatDate(null, 'ko')).toBe(EMPTY);
    expect(formatDate(undefined, 'en')).toBe(EMPTY);
    expect(formatDate('', 'en')).toBe(EMPTY);
    expect(formatDateTime('not a date', 'en')).toBe(EMPTY);
  });

  it('uses the em dash character', () => {
    expect(EMPTY).toBe('\u2014');
  });
});

describe('formatCurrency', () => {
  it('formats won with the ₩ sign, grouping and no decimals', () => {
    expect(formatCurrency(1234567, 'ko')).toBe('₩1,234,567');
    expect(formatCurrency(1234567, 'en')).toBe('₩1,234,567');
  });

  it('rounds won to whole units', () => {
    expect(formatCurrency(9990.6, 'ko')).toBe('₩9,991');
    expect(formatCurrency(0, 'ko')).toBe('₩0');
  });

  it('formats negatives and optional plus signs', () => {
    expect(formatCurrency(-5000, 'ko')).toBe('-₩5,000');
    expect(formatCurrency(5000, 'en', 'KRW', { signed: true })).toBe('+₩5,000');
  });

  it('uses the currency’s own decimals for other currencies', () => {
    expect(formatCurrency(1234.5, 'en', 'USD')).toBe('$1,234.50');
  });
});

describe('formatPercent', () => {
  it('formats a fraction with 2 decimals and a % sign', () => {
    expect(formatPercent(0.1234, 'ko')).toBe('12.34%');
    expect(formatPercent(0.1234, 'en')).toBe('12.34%');
    expect(formatPercent(0.5, 'en')).toBe('50.00%');
    expect(formatPercent(1.23456, 'en')).toBe('123.46%');
  });

  it('keeps negative signs and adds + when asked', () => {
    expect(formatPercent(-0.0512, 'ko')).toBe('-5.12%');
    expect(formatPercent(0.0512, 'ko', { signed: true })).toBe('+5.12%');
  });

  it('never prints a negative zero', () => {
    expect(formatPercent(-0.000001, 'en')).toBe('0.00%');
    expect(formatPercent(0, 'en', { signed: true })).toBe('0.00%');
  });
});

describe('formatRatio', () => {
  it('always shows 2 decimals', () => {
    expect(formatRatio(1.5, 'en')).toBe('1.50');
    expect(formatRatio(1.23456, 'ko')).toBe('1.23');
    expect(formatRatio(-0.456, 'en')).toBe('-0.46');
    expect(formatRatio(2, 'ko')).toBe('2.00');
  });
});

describe('formatNumber and formatInteger', () => {
  it('groups thousands per locale', () => {
    expect(formatNumber(1234567.891, 'ko')).toBe('1,234,567.89');
    expect(formatNumber(1234567.891, 'en', { maximumFractionDigits: 0 })).toBe('1,234,568');
    expect(formatInteger(1500, 'ko')).toBe('1,500');
  });
});

describe('formatMs', () => {
  it('formats milliseconds as a unit', () => {
    expect(plain(formatMs(12, 'en'))).toBe('12 ms');
    expect(plain(formatMs(12.4, 'ko'))).toMatch(/^12\s?ms$/);
  });
});

describe('dates', () => {
  const instant = '2024-03-05T14:30:00Z';

  it('formats a date per locale', () => {
    expect(formatDate(instant, 'ko', { timeZone: 'UTC' })).toBe('2024. 3. 5.');
    expect(formatDate(instant, 'en', { timeZone: 'UTC' })).toBe('Mar 5, 2024');
  });

  it('formats a date and time per locale', () => {
    expect(plain(formatDateTime(instant, 'en', { timeZone: 'UTC' }))).toBe('Mar 5, 2024, 2:30 PM');
    // ICU builds differ on the Korean day period (Node's says "PM", browsers "오후").
    expect(plain(formatDateTime(instant, 'ko', { timeZone: 'Asia/Seoul' }))).toMatch(/^2024\. 3\. 5\. (오후|PM) 11:30$/);
  });

  it('accepts Date objects and epoch milliseconds', () => {
    const date = new Date(instant);
    expect(formatDate(date, 'en', { timeZone: 'UTC' })).toBe('Mar 5, 2024');
    expect(formatDate(date.getTime(), 'en', { timeZone: 'UTC' })).toBe('Mar 5, 2024');
  });
});

describe('createFormatters', () => {
  it('binds every formatter to one language', () => {
    const f = createFormatters('en');
    expect(f.currency(1000)).toBe('₩1,000');
    expect(f.percent(0.25)).toBe('25.00%');
    expect(f.ratio(null)).toBe(EMPTY);
  });
});

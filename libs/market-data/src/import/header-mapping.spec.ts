import { mapHeader, normalizeHeader } from './header-mapping';

describe('mapHeader', () => {
  it('maps English headers in any case and with surrounding blanks', () => {
    const result = mapHeader([' DATE ', 'open', ' High', 'LOW ', 'Close', 'VOLUME']);
    expect(result).toMatchObject({
      ok: true,
      mapping: { date: 0, open: 1, high: 2, low: 3, close: 4, volume: 5 },
    });
  });

  it('takes an unnamed first column as the date (pandas index)', () => {
    expect(mapHeader(['', 'Open', 'High', 'Low', 'Close', 'Volume'])).toMatchObject({
      ok: true,
      mapping: { date: 0 },
    });
  });

  it.each(['Date', 'date', 'timestamp', 'time', 'datetime', 'Date Time', 'open_time', '<DATE>', '날짜'])(
    'accepts %j as the date column',
    (name) => {
      expect(mapHeader([name, 'o', 'h', 'l', 'c'])).toMatchObject({ ok: true, mapping: { date: 0 } });
    },
  );

  it('maps the Korean investing.com header and ignores the change column', () => {
    const result = mapHeader(['날짜', '종가', '시가', '고가', '저가', '거래량', '변동 %']);
    expect(result).toMatchObject({
      ok: true,
      mapping: { date: 0, close: 1, open: 2, high: 3, low: 4, volume: 5, adjClose: -1 },
    });
  });

  it('maps the English investing.com header (Price is the close)', () => {
    const result = mapHeader(['Date', 'Price', 'Open', 'High', 'Low', 'Vol.', 'Change %']);
    expect(result).toMatchObject({ ok: true, mapping: { close: 1, volume: 5 } });
  });

  it('uses Close, not Adj Close, and remembers Adj Close', () => {
    const result = mapHeader(['Date', 'Open', 'High', 'Low', 'Adj Close', 'Close', 'Volume']);
    expect(result).toMatchObject({ ok: true, mapping: { close: 5, adjClose: 4 } });
  });

  it('joins a separate Time column to a Date column', () => {
    expect(mapHeader(['Date', 'Time', 'Open', 'High', 'Low', 'Close'])).toMatchObject({
      ok: true,
      mapping: { date: 0, timeOfDay: 1 },
    });
    expect(mapHeader(['Time', 'Open', 'High', 'Low', 'Close'])).toMatchObject({
      ok: true,
      mapping: { date: 0, timeOfDay: -1 },
    });
  });

  it('falls back to a "Volume <asset>" column', () => {
    expect(mapHeader(['date', 'open', 'high', 'low', 'close', 'Volume BTC', 'Volume USDT'])).toMatchObject({
      ok: true,
      mapping: { volume: 5 },
    });
  });

  it('reports every missing required column; volume is optional', () => {
    expect(mapHeader(['Date', 'Open', 'Close'])).toMatchObject({ ok: false, missing: ['high', 'low'] });
    expect(mapHeader(['Date', 'Open', 'High', 'Low', 'Close'])).toMatchObject({
      ok: true,
      mapping: { volume: -1 },
    });
  });
});

describe('normalizeHeader', () => {
  it('strips BOM, case, decoration and underscores', () => {
    expect(normalizeHeader('\uFEFF Adj. Close* ')).toBe('adj close');
    expect(normalizeHeader('<VOL>')).toBe('vol');
    expect(normalizeHeader('open_time')).toBe('open time');
  });
});

import { readFileSync } from 'fs';
import { join } from 'path';
import { parseDate, parseOhlcvCsv, parseOhlcvCsvWithLines } from './csv';
import { EngineError } from './errors';

const samples = join(__dirname, '..', '..', '..', 'data', 'samples');
const csvError = (text: string): EngineError => {
  try {
    parseOhlcvCsv(text);
  } catch (error) {
    if (error instanceof EngineError) return error;
    throw error;
  }
  throw new Error('parsed');
};

describe('parseOhlcvCsv', () => {
  it.each([
    ['GOOG_daily_2004-2013.csv', 2148, '2004-08-19'],
    ['SPY_daily_2000-2024.csv', 6067, '2000-01-03'],
    ['005930_Samsung_daily_1990-2023.csv', 8343, '1990-09-11'],
    ['BTC-PERP_1m_2021-12-31_2022-02-01.csv', 45031, '2021-12-31T23:01:00.000Z'],
  ])('reads the sample %s', (file, bars, first) => {
    const s = parseOhlcvCsv(readFileSync(join(samples, file), 'utf8'));
    expect(s.close.length).toBe(bars);
    expect(new Date(s.time[0]).toISOString().startsWith(first)).toBe(true);
  });

  it('accepts an unnamed first date column and any case of OHLCV headers, Volume optional', () => {
    const s = parseOhlcvCsv(',OPEN,high,Low,close\n2020-01-01,1,2,0.5,1.5\n2020-01-02,1.5,2,1,1.8\n');
    expect(Array.from(s.close)).toEqual([1.5, 1.8]);
    expect(Array.from(s.volume)).toEqual([0, 0]);
  });

  it('handles quotes, CRLF line ends and blank lines, and reports source lines', () => {
    const parsed = parseOhlcvCsvWithLines(
      '"Date","Open","High","Low","Close"\r\n\r\n"2020-01-01","1","2","0.5","1.5"\r\n2020-01-02,1,2,0.5,1.5\r\n',
    );
    expect(Array.from(parsed.lines)).toEqual([3, 4]);
  });

  it.each([
    ['Date,Open,High,Close\n2020-01-01,1,2,1.5\n', 'missing column: Low'],
    ['Ticker,Open,High,Low,Close\nX,1,2,0.5,1.5\n', 'missing column: date'],
    [
      'Date,Open,High,Low,Close\n2020-01-01,1,2,0.5,1.5\n2020-02-30,1,2,0.5,1.5\n',
      "line 3: unparsable date '2020-02-30'",
    ],
    ['Date,Open,High,Low,Close\n2020-01-01,1,2,0.5,x1\n', "line 2: unparsable number in column Close: 'x1'"],
    ['Date,Open,High,Low,Close\n2020-01-01,1,2,0.5,\n', "line 2: unparsable number in column Close: ''"],
    ['Date,Open,High,Low,Close\n2020-01-01,1,0.4,0.5,0.45\n', 'line 2: High (0.4) < Low (0.5)'],
    ['Date,Open,High,Low,Close\n2020-01-01,-1,2,0.5,1\n', 'line 2: non-positive price in column Open: -1'],
    [
      'Date,Open,High,Low,Close\n2020-01-02,1,2,0.5,1\n2020-01-01,1,2,0.5,1\n',
      "line 3: date '2020-01-01' is not after the previous row",
    ],
    ['Date,Open,High,Low,Close\n2020-01-01,1,2\n', 'line 2: expected 5 columns, found 3'],
    ['Date,Open,High,Low,Close\n', 'no data rows'],
    ['', 'the CSV is empty'],
  ])('rejects bad input with one line: %j', (text, message) => {
    const error = csvError(text);
    expect(error.message).toContain(message);
    expect(error.message).not.toContain('\n');
  });
});

describe('parseDate', () => {
  it.each([
    ['2020-01-31', Date.UTC(2020, 0, 31)],
    ['2020/01/31', Date.UTC(2020, 0, 31)],
    ['20200131', Date.UTC(2020, 0, 31)],
    ['2020-01-31 09:30', Date.UTC(2020, 0, 31, 9, 30)],
    ['2020-01-31T09:30:15.250Z', Date.UTC(2020, 0, 31, 9, 30, 15, 250)],
    ['2021-12-31 23:01:00.000000', Date.UTC(2021, 11, 31, 23, 1)],
    ['2020-01-31T09:30:00+02:00', Date.UTC(2020, 0, 31, 7, 30)],
    ['1580463000', 1580463000 * 1000],
    ['1580463000123', 1580463000123],
  ])('%s', (text, expected) => {
    expect(parseDate(text)).toBe(expected);
  });

  it('keeps years below 100 literal (no 19xx mapping)', () => {
    const d = new Date(0);
    d.setUTCFullYear(99, 2, 1);
    expect(parseDate('0099-03-01')).toBe(d.getTime());
  });

  it.each(['2020-13-01', '2021-02-29', 'yesterday', '2020-01-01 25:00', ''])('rejects %j', (text) => {
    expect(parseDate(text)).toBeNull();
  });
});

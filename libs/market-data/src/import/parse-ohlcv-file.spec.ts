import { readFileSync } from 'fs';
import { join } from 'path';
import { ImportRejectedError, type ImportResult } from './import-report';
import type { OhlcvSeries } from './ohlcv-series';
import { parseOhlcvFile, parseOhlcvFileOrThrow } from './parse-ohlcv-file';

const fixture = (name: string): Buffer => readFileSync(join(__dirname, 'fixtures', name));
const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

function accepted(result: ImportResult): OhlcvSeries {
  if (!result.ok) throw new Error(`expected the import to succeed: ${JSON.stringify(result.report.errors)}`);
  return result.series;
}

function rejected(result: ImportResult) {
  if (result.ok) throw new Error('expected the import to be rejected');
  expect(result.series).toBeNull();
  expect(result.report.imported).toBe(0);
  return result.report;
}

const HEADER = 'Date,Open,High,Low,Close,Volume';

describe('parseOhlcvFile: fixtures', () => {
  it('newest-first Korean investing.com export: BOM, quoted thousands, spaced dates, K/M volumes', () => {
    const result = parseOhlcvFile(fixture('newest-first-korean-investing-export.csv'), {});
    const series = accepted(result);
    expect(Array.from(series.time)).toEqual(
      ['2023-09-04', '2023-09-05', '2023-09-06', '2023-09-07', '2023-09-08'].map(day),
    );
    expect(Array.from(series.close)).toEqual([34_900_000, 35_100_000, 34_965_000, 35_616_000, 35_180_000]);
    expect(Array.from(series.open)).toEqual([34_950_000, 34_900_000, 35_100_000, 34_965_000, 35_616_000]);
    expect(Array.from(series.high)).toEqual([35_050_000, 35_200_000, 35_300_000, 35_818_000, 35_800_000]);
    expect(Array.from(series.low)).toEqual([34_850_000, 34_800_000, 34_700_000, 34_845_000, 35_000_000]);
    expect(Array.from(series.volume)).toEqual([410, 2_250_000, 0, 330, 1500]);
    expect(result.report).toMatchObject({
      rowsRead: 5,
      imported: 5,
      sourceOrder: 'descending',
      firstDate: '2023-09-04T00:00:00.000Z',
      lastDate: '2023-09-08T00:00:00.000Z',
      detectedTimeframe: '1d',
      columns: {
        date: '날짜',
        close: '종가',
        open: '시가',
        high: '고가',
        low: '저가',
        volume: '거래량',
        ignored: ['변동 %'],
      },
    });
  });

  it('halted-trading-days: zero/missing open-high-low with zero volume are repaired to the close', () => {
    const result = parseOhlcvFile(fixture('halted-trading-days.csv'), {});
    const series = accepted(result);
    expect(result.report).toMatchObject({
      rowsRead: 5,
      imported: 5,
      repaired: 3,
      repairedLines: [3, 4, 5],
      errors: [],
    });
    for (const i of [1, 2, 3]) {
      expect([series.open[i], series.high[i], series.low[i], series.close[i], series.volume[i]]).toEqual([
        53000, 53000, 53000, 53000, 0,
      ]);
    }
    expect([series.open[4], series.high[4], series.low[4], series.close[4]]).toEqual([
      53000, 53900, 51800, 51900,
    ]);
  });

  it('duplicate-timestamp: rejected by default, first occurrence kept with skipInvalid', () => {
    const report = rejected(parseOhlcvFile(fixture('duplicate-timestamp.csv'), {}));
    expect(report.errors).toEqual([
      expect.objectContaining({
        line: 4,
        column: 'date',
        code: 'DUPLICATE_TIMESTAMP',
        message: expect.stringContaining('line 3'),
      }),
    ]);

    const result = parseOhlcvFile(fixture('duplicate-timestamp.csv'), { skipInvalid: true });
    const series = accepted(result);
    expect(Array.from(series.close)).toEqual([10.5, 11, 11.2]);
    expect(result.report).toMatchObject({ rowsRead: 4, imported: 3, skipped: 1, skippedLines: [4] });
  });

  it('high-below-low: an error on its line', () => {
    const report = rejected(parseOhlcvFile(fixture('high-below-low.csv'), {}));
    expect(report.errors).toEqual([
      expect.objectContaining({ line: 3, code: 'HIGH_BELOW_LOW', column: 'high' }),
    ]);
    expect(report.errorCount).toBe(1);

    const result = parseOhlcvFile(fixture('high-below-low.csv'), { skipInvalid: true });
    expect(Array.from(accepted(result).time)).toEqual([day('2024-01-02'), day('2024-01-04')]);
  });

  it('bom-and-crlf: BOM, CRLF, padded headers and cells, blank trailing lines', () => {
    const bytes = fixture('bom-and-crlf.csv');
    // Guard against the fixture being normalised by an editor or git: it must really have both.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.includes('\r\n')).toBe(true);

    const result = parseOhlcvFile(bytes, {});
    const series = accepted(result);
    expect(result.report.rowsRead).toBe(2);
    expect(Array.from(series.time)).toEqual([day('2024-01-02'), day('2024-01-03')]);
    expect(Array.from(series.close)).toEqual([10.5, 11]);
    expect(Array.from(series.volume)).toEqual([100, 200]);
    expect(result.report.columns.date).toBe('DATE');
  });

  it('unix-seconds', () => {
    const result = parseOhlcvFile(fixture('unix-seconds.csv'), {});
    expect(Array.from(accepted(result).time)).toEqual([
      1_694_131_200_000, 1_694_134_800_000, 1_694_138_400_000,
    ]);
    expect(result.report.detectedTimeframe).toBe('1h');
  });

  it('unix-millis', () => {
    const result = parseOhlcvFile(fixture('unix-millis.csv'), {});
    expect(Array.from(accepted(result).time)).toEqual([
      1_694_131_200_000, 1_694_131_500_000, 1_694_131_800_000,
    ]);
    expect(result.report.detectedTimeframe).toBe('5m');
  });

  it('yyyymmdd', () => {
    const result = parseOhlcvFile(fixture('yyyymmdd.csv'), {});
    expect(Array.from(accepted(result).time)).toEqual(['2023-09-06', '2023-09-07', '2023-09-08'].map(day));
    expect(result.report.lastDate).toBe('2023-09-08T00:00:00.000Z');
  });
});

describe('parseOhlcvFile: layouts people have', () => {
  it('unnamed first date column (pandas to_csv)', () => {
    const series = accepted(
      parseOhlcvFile(',Open,High,Low,Close,Volume\n2004-08-19,100,104.06,95.96,100.34,22351900\n', {}),
    );
    expect(series.time[0]).toBe(day('2004-08-19'));
    expect(series.high[0]).toBe(104.06);
  });

  it('Adj Close is reported but OHLC come from Close', () => {
    const result = parseOhlcvFile(
      'Date,Open,High,Low,Close,Adj Close,Volume\n2000-01-03,148.25,148.25,143.875,145.4375,93.881912,8164300\n',
      {},
    );
    expect(accepted(result).close[0]).toBe(145.4375);
    expect(result.report.columns.adjClose).toBe('Adj Close');
  });

  it('extra columns are ignored and listed', () => {
    const result = parseOhlcvFile(
      'date,open,high,low,close,volume,ticker,name\n19900911,364,365,364,364,471921,005930,삼성전자\n',
      {},
    );
    expect(accepted(result).close[0]).toBe(364);
    expect(result.report.columns.ignored).toEqual(['ticker', 'name']);
  });

  it('volume column is optional', () => {
    const result = parseOhlcvFile('Date,Open,High,Low,Close\n2024-01-02,1,2,0.5,1.5\n', {});
    expect(Array.from(accepted(result).volume)).toEqual([0]);
    expect(result.report.columns.volume).toBeNull();
  });

  it.each([
    ['2023-09-08T13:45:00Z', Date.UTC(2023, 8, 8, 13, 45)],
    ['2023-09-08 13:45:00', Date.UTC(2023, 8, 8, 13, 45)],
    ['2023.09.08', Date.UTC(2023, 8, 8)],
    ['"2023- 09- 08"', Date.UTC(2023, 8, 8)],
    ['20230908', Date.UTC(2023, 8, 8)],
    ['1694131200', Date.UTC(2023, 8, 8)],
    ['1694131200000', Date.UTC(2023, 8, 8)],
  ])('date cell %s', (cell, expected) => {
    expect(accepted(parseOhlcvFile(`${HEADER}\n${cell},1,2,0.5,1.5,10\n`, {})).time[0]).toBe(expected);
  });

  it('quoted numbers, thousands separators and volume suffixes', () => {
    const series = accepted(
      parseOhlcvFile(`${HEADER}\n2024-01-02,"1,234.5","1,300",1200,"1,250","2.5B"\n`, {}),
    );
    expect([series.open[0], series.high[0], series.low[0], series.close[0], series.volume[0]]).toEqual([
      1234.5, 1300, 1200, 1250, 2.5e9,
    ]);
  });

  it('empty and dash volumes are 0', () => {
    const series = accepted(
      parseOhlcvFile(`${HEADER}\n2024-01-02,1,2,0.5,1.5,\n2024-01-03,1,2,0.5,1.5,-\n`, {}),
    );
    expect(Array.from(series.volume)).toEqual([0, 0]);
  });

  it('open/close outside [low, high] is accepted as is', () => {
    const series = accepted(parseOhlcvFile(`${HEADER}\n2024-01-02,3,2,1,0.5,10\n`, {}));
    expect([series.open[0], series.close[0]]).toEqual([3, 0.5]);
  });

  it('unordered rows are sorted', () => {
    const text = `${HEADER}\n2024-01-03,3,3,3,3,3\n2024-01-01,1,1,1,1,1\n2024-01-02,2,2,2,2,2\n`;
    const result = parseOhlcvFile(text, {});
    expect(Array.from(accepted(result).close)).toEqual([1, 2, 3]);
    expect(result.report.sourceOrder).toBe('unordered');
  });

  it('separate Date and Time columns are combined', () => {
    const text =
      'Date,Time,Open,High,Low,Close,Volume\n2024.01.02,09:30,1,2,0.5,1.5,10\n2024.01.02,09:35,1,2,0.5,1.5,10\n';
    const result = parseOhlcvFile(text, {});
    expect(Array.from(accepted(result).time)).toEqual([
      Date.UTC(2024, 0, 2, 9, 30),
      Date.UTC(2024, 0, 2, 9, 35),
    ]);
    expect(result.report).toMatchObject({ detectedTimeframe: '5m', columns: { timeOfDay: 'Time' } });
  });

  it('headerless exchange dumps are read positionally', () => {
    const text =
      '1609459200000,28923.63,29031.34,28690.17,28995.13,2311.81,1609462799999\n1609462800000,28995.13,29470,28960.35,29409.99,3464.74,1609466399999\n';
    const result = parseOhlcvFile(text, {});
    expect(Array.from(accepted(result).close)).toEqual([28995.13, 29409.99]);
    expect(result.report).toMatchObject({ headerless: true, rowsRead: 2, detectedTimeframe: '1h' });
  });

  it('semicolon-separated files', () => {
    const result = parseOhlcvFile('Date;Open;High;Low;Close;Volume\n2024-01-02;1;2;0.5;1.5;10\n', {});
    expect(accepted(result).close[0]).toBe(1.5);
    expect(result.report.delimiter).toBe(';');
  });

  it('EUC-KR bytes (Korean Excel) are decoded', () => {
    // "날짜" in EUC-KR is B3 AF C2 A5; the rest of the header is ASCII.
    const header = Buffer.from([0xb3, 0xaf, 0xc2, 0xa5]);
    const bytes = Buffer.concat([header, Buffer.from(',Open,High,Low,Close\n2024-01-02,1,2,0.5,1.5\n')]);
    const result = parseOhlcvFile(bytes, {});
    expect(accepted(result).close[0]).toBe(1.5);
    expect(result.report.columns.date).toBe('날짜');
  });

  it('UTF-16LE with BOM is decoded', () => {
    const text = `${HEADER}\n2024-01-02,1,2,0.5,1.5,10\n`;
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(accepted(parseOhlcvFile(bytes, {})).volume[0]).toBe(10);
  });

  it('a string with a BOM and CRLF works like the bytes', () => {
    const result = parseOhlcvFile(`\uFEFF${HEADER}\r\n2024-01-02,1,2,0.5,1.5,10\r\n\r\n`, {});
    expect(accepted(result).volume[0]).toBe(10);
    expect(result.report.columns.date).toBe('Date');
  });
});

describe('parseOhlcvFile: rejection', () => {
  it.each([
    ['', 'EMPTY_FILE'],
    ['\r\n\n  \n', 'EMPTY_FILE'],
    [`${HEADER}\n\n`, 'NO_DATA_ROWS'],
  ])('%j → %s', (text, code) => {
    expect(rejected(parseOhlcvFile(text, {})).errors.map((e) => e.code)).toEqual([code]);
  });

  it('names each missing required column at the header line', () => {
    const report = rejected(parseOhlcvFile('\nDate,Open,Close,Volume\n2024-01-02,1,2,3\n', {}));
    expect(report.errors).toEqual([
      expect.objectContaining({
        line: 2,
        code: 'MISSING_COLUMN',
        column: 'high',
        message: expect.stringContaining('"high"'),
      }),
      expect.objectContaining({ line: 2, code: 'MISSING_COLUMN', column: 'low' }),
    ]);
  });

  it.each([
    ['2024-01-02,0,2,0.5,1.5,10', 'NON_POSITIVE_PRICE', 'open'],
    ['2024-01-02,1,2,0.5,-1.5,10', 'NON_POSITIVE_PRICE', 'close'],
    ['2024-01-02,1,2,0.5,0,0', 'NON_POSITIVE_PRICE', 'close'],
    ['2024-01-02,1,2,abc,1.5,10', 'NOT_A_NUMBER', 'low'],
    ['2024-01-02,1,2,0.5,1.5,lots', 'NOT_A_NUMBER', 'volume'],
    ['2024-01-02,1,2,0.5,1.5,-10', 'NEGATIVE_VOLUME', 'volume'],
    ['2024-01-02,null,null,null,null,null', 'MISSING_VALUE', 'close'],
    ['2024-01-02,1,,0.5,1.5,10', 'MISSING_VALUE', 'high'],
    ['2024-13-02,1,2,0.5,1.5,10', 'UNPARSABLE_DATE', 'date'],
    ['yesterday,1,2,0.5,1.5,10', 'UNPARSABLE_DATE', 'date'],
    ['2024-01-02,1,2,0.5,1,234.5,10', 'FIELD_COUNT_MISMATCH', undefined],
    ['2024-01-02,1,2,0.5', 'FIELD_COUNT_MISMATCH', undefined],
  ])('%s → %s', (row, code, column) => {
    const report = rejected(parseOhlcvFile(`${HEADER}\n2024-01-01,1,2,0.5,1.5,10\n${row}\n`, {}));
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatchObject({ line: 3, code });
    expect(report.errors[0].column).toBe(column);
  });

  it('a zero open with real volume is bad data, not a halt', () => {
    const report = rejected(parseOhlcvFile(`${HEADER}\n2018-04-30,0,0,0,53000,1200\n`, {}));
    expect(report.errors[0]).toMatchObject({
      code: 'NON_POSITIVE_PRICE',
      column: 'open',
      message: expect.stringContaining('not a trading halt'),
    });
    const partial = rejected(parseOhlcvFile(`${HEADER}\n2018-04-30,0,54000,52000,53000,0\n`, {}));
    expect(partial.errors[0]).toMatchObject({ code: 'NON_POSITIVE_PRICE', column: 'open' });
  });

  it('lists only the first 20 problems by line and counts them all', () => {
    const bad = Array.from(
      { length: 30 },
      (_, i) => `2024-02-${String((i % 28) + 1).padStart(2, '0')},1,2,x,1,1`,
    );
    const report = rejected(parseOhlcvFile([HEADER, ...bad].join('\n'), {}));
    expect(report.errors).toHaveLength(20);
    expect(report.errorCount).toBe(30);
    expect(report.errors.map((e) => e.line)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    expect(report.skipped).toBe(0);
  });

  it('merges row problems and duplicates in line order', () => {
    const text = [
      HEADER,
      '2024-01-01,1,1,1,1,1',
      '2024-01-02,1,1,1,1,1',
      '2024-01-01,1,1,1,1,1',
      'bad,1,1,1,1,1',
    ].join('\n');
    const report = rejected(parseOhlcvFile(text, {}));
    expect(report.errors.map((e) => [e.line, e.code])).toEqual([
      [4, 'DUPLICATE_TIMESTAMP'],
      [5, 'UNPARSABLE_DATE'],
    ]);
  });

  it('parseOhlcvFileOrThrow throws a typed error carrying the problems', () => {
    expect.assertions(4);
    try {
      parseOhlcvFileOrThrow(fixture('high-below-low.csv'));
    } catch (error) {
      expect(error).toBeInstanceOf(ImportRejectedError);
      const rejection = error as ImportRejectedError;
      expect(rejection.problems.map((p) => p.code)).toEqual(['HIGH_BELOW_LOW']);
      expect(rejection.report.rowsRead).toBe(3);
      expect(rejection.message).toContain('line 3');
    }
  });

  it('parseOhlcvFileOrThrow returns the series when the import is accepted', () => {
    expect(parseOhlcvFileOrThrow(fixture('yyyymmdd.csv')).series.close[2]).toBe(103);
  });
});

describe('parseOhlcvFile: skipInvalid', () => {
  it('drops bad rows, keeps good ones and reports what was skipped', () => {
    const text = [
      HEADER,
      '2024-01-01,1,2,0.5,1.5,10',
      'oops,1,2,0.5,1.5,10',
      '2024-01-03,1,0.4,0.5,1.5,10',
      '2024-01-04,1,2,0.5,1.5,10',
    ].join('\n');
    const result = parseOhlcvFile(text, { skipInvalid: true });
    expect(Array.from(accepted(result).time)).toEqual([day('2024-01-01'), day('2024-01-04')]);
    expect(result.report).toMatchObject({
      rowsRead: 4,
      imported: 2,
      skipped: 2,
      skippedLines: [3, 4],
      errorCount: 2,
    });
    expect(result.report.errors.map((e) => e.code)).toEqual(['UNPARSABLE_DATE', 'HIGH_BELOW_LOW']);
  });

  it('caps the listed lines but counts every skipped row', () => {
    const rows = [
      HEADER,
      '2024-01-01,1,2,0.5,1.5,10',
      ...Array.from({ length: 1500 }, () => 'bad,1,2,0.5,1.5,10'),
    ];
    const result = parseOhlcvFile(rows.join('\n'), { skipInvalid: true });
    expect(result.ok).toBe(true);
    expect(result.report.skipped).toBe(1500);
    expect(result.report.skippedLines).toHaveLength(1000);
    expect(result.report.skippedLines[999]).toBe(1002);
    expect(result.report.errors).toHaveLength(20);
  });

  it('rejects when nothing valid is left', () => {
    const report = rejected(parseOhlcvFile(`${HEADER}\nbad,1,2,0.5,1.5,10\n`, { skipInvalid: true }));
    expect(report.errors.map((e) => e.code)).toEqual(['UNPARSABLE_DATE', 'NO_VALID_ROWS']);
  });

  it('does not skip file-level problems', () => {
    expect(
      rejected(parseOhlcvFile('Date,Open,Close\n2024-01-01,1,2\n', { skipInvalid: true })).errors[0].code,
    ).toBe('MISSING_COLUMN');
  });
});

describe('parseOhlcvFile: declared timeframe', () => {
  const minutes = [
    HEADER,
    '2024-01-01 00:00,1,2,0.5,1.5,10',
    '2024-01-01 00:01,1,2,0.5,1.5,10',
    '2024-01-01 00:02,1,2,0.5,1.5,10',
  ].join('\n');
  const days = [
    HEADER,
    '2024-01-01,1,2,0.5,1.5,10',
    '2024-01-02,1,2,0.5,1.5,10',
    '2024-01-03,1,2,0.5,1.5,10',
  ].join('\n');

  it('is used when it fits the data', () => {
    const result = parseOhlcvFile(minutes, { timeframe: '1m' });
    expect(result.report).toMatchObject({ timeframe: '1m', detectedTimeframe: '1m' });
    expect(result.ok).toBe(true);
  });

  it('rejects data finer or coarser than declared', () => {
    expect(rejected(parseOhlcvFile(minutes, { timeframe: '1d' })).errors[0]).toMatchObject({
      code: 'TIMEFRAME_MISMATCH',
      line: 0,
    });
    expect(rejected(parseOhlcvFile(days, { timeframe: '1h' })).errors[0]).toMatchObject({
      code: 'TIMEFRAME_MISMATCH',
    });
  });

  it('rejects unsupported labels', () => {
    expect(rejected(parseOhlcvFile(days, { timeframe: '2h' })).errors[0]).toMatchObject({
      code: 'UNSUPPORTED_TIMEFRAME',
    });
  });

  it('falls back to the detected timeframe', () => {
    expect(parseOhlcvFile(days, {}).report.timeframe).toBe('1d');
  });
});

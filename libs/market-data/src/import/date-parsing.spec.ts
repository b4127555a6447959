import fc from 'fast-check';
import { daysFromCivil, epochNumberToMs, parseDateTime, parseTimeOfDay } from './date-parsing';

const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0) =>
  Date.UTC(y, mo - 1, d, h, mi, s, ms);

describe('parseDateTime', () => {
  it.each([
    ['2023-09-08', utc(2023, 9, 8)],
    ['2023-09-08 13:45:00', utc(2023, 9, 8, 13, 45)],
    ['2023-09-08T13:45:00Z', utc(2023, 9, 8, 13, 45)],
    ['2023-09-08T13:45', utc(2023, 9, 8, 13, 45)],
    ['2023-09-08 13:45:07.250', utc(2023, 9, 8, 13, 45, 7, 250)],
    ['2021-12-31 23:01:00.000000', utc(2021, 12, 31, 23, 1)],
    ['2023-09-08T13:45:00+09:00', utc(2023, 9, 8, 4, 45)],
    ['2023-09-08T13:45:00-0500', utc(2023, 9, 8, 18, 45)],
    ['2023-09-08 13:45:00 UTC', utc(2023, 9, 8, 13, 45)],
    ['2023-9-8', utc(2023, 9, 8)],
    ['20230908', utc(2023, 9, 8)],
    ['202309081345', utc(2023, 9, 8, 13, 45)],
    ['20230908134507', utc(2023, 9, 8, 13, 45, 7)],
    ['2023- 09- 08', utc(2023, 9, 8)],
    ['2023.09.08', utc(2023, 9, 8)],
    ['2023.09.08.', utc(2023, 9, 8)],
    ['2023/09/08', utc(2023, 9, 8)],
    ['  2023-09-08  ', utc(2023, 9, 8)],
    ['1694131200', utc(2023, 9, 8)],
    ['1694131200.5', utc(2023, 9, 8) + 500],
    ['1694131200000', utc(2023, 9, 8)],
    ['1694131200000000', utc(2023, 9, 8)],
    ['1694131200000000000', utc(2023, 9, 8)],
    ['631324800', utc(1990, 1, 3)],
    ['09/08/2023', utc(2023, 9, 8)],
    ['08.09.2023', utc(2023, 9, 8)],
    ['2024-02-29', utc(2024, 2, 29)],
    ['2000-02-29', utc(2000, 2, 29)],
  ])('%s', (raw, expected) => {
    expect(parseDateTime(raw)).toBe(expected);
  });

  it.each([
    '',
    'abc',
    'Sep 08, 2023',
    '2023-13-01',
    '2023-02-29',
    '1900-02-29',
    '2023-09-31',
    '2023-09-08 24:00',
    '2023-09-08 12:60',
    '2023-09-08T',
    '2023-09-08 13:45 PST',
    '2023-09-08x',
    '2023-09',
    '12345',
    '20231301',
    '1694131200.',
    '13/25/2023',
    '-1694131200',
  ])('rejects %j', (raw) => {
    expect(parseDateTime(raw)).toBeNaN();
  });

  it('reads NN/NN/YYYY day-first when told to', () => {
    expect(parseDateTime('09/08/2023', { dayFirst: true })).toBe(utc(2023, 8, 9));
    expect(parseDateTime('25/08/2023', { dayFirst: true })).toBe(utc(2023, 8, 25));
    expect(parseDateTime('25/08/2023')).toBeNaN();
  });

  it('agrees with Date for any ISO timestamp (fast and general paths)', () => {
    const min = utc(1900, 1, 1);
    const max = utc(2200, 12, 31, 23, 59, 59, 999);
    fc.assert(
      fc.property(fc.integer({ min, max }), (ms) => {
        const iso = new Date(ms).toISOString(); // 2023-09-08T13:45:07.250Z
        expect(parseDateTime(iso)).toBe(ms);
        expect(parseDateTime(iso.replace('T', ' ').replace('Z', ''))).toBe(ms);
        const day = iso.slice(0, 10);
        expect(parseDateTime(day)).toBe(Date.parse(day));
        expect(parseDateTime(day.replace(/-/g, ''))).toBe(Date.parse(day));
        expect(parseDateTime(day.replace(/-/g, '- '))).toBe(Date.parse(day));
        expect(parseDateTime(`${iso.slice(0, 19)}+01:30`)).toBe(Math.floor(ms / 1000) * 1000 - 90 * 60_000);
      }),
    );
  });
});

describe('daysFromCivil', () => {
  it('matches Date.UTC for every day in 1600..2400', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: utc(1600, 1, 1) / 86_400_000, max: utc(2400, 12, 31) / 86_400_000 }),
        (days) => {
          const date = new Date(days * 86_400_000);
          expect(daysFromCivil(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())).toBe(days);
        },
      ),
    );
  });
});

describe('epochNumberToMs', () => {
  it('decides the unit by magnitude', () => {
    expect(epochNumberToMs(1_694_131_200)).toBe(1_694_131_200_000);
    expect(epochNumberToMs(1_694_131_200_123)).toBe(1_694_131_200_123);
    expect(epochNumberToMs(1_694_131_200_123_456)).toBe(1_694_131_200_123);
    expect(epochNumberToMs(1.694_131_200_123_456_8e18)).toBe(1_694_131_200_123);
    expect(epochNumberToMs(-1)).toBeNaN();
  });
});

describe('parseTimeOfDay', () => {
  it.each([
    ['13:45', 49_500_000],
    ['13:45:07', 49_507_000],
    ['9:30', 34_200_000],
    ['0930', 34_200_000],
    ['093015', 34_215_000],
  ])('%s', (raw, expected) => expect(parseTimeOfDay(raw)).toBe(expected));

  it.each(['25:00', '12:3', '1230x', '', '2400'])('rejects %j', (raw) =>
    expect(parseTimeOfDay(raw)).toBeNaN(),
  );
});

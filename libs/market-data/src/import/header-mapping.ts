export type PriceField = 'open' | 'high' | 'low' | 'close';
export type OhlcvField = 'date' | PriceField | 'volume';

export const REQUIRED_FIELDS: readonly OhlcvField[] = ['date', 'open', 'high', 'low', 'close'];

/** Column index per field; -1 when the file has no such column. */
export interface ColumnMapping {
  date: number;
  /** A separate time-of-day column next to a date-only one (`Date,Time,Open,...`). */
  timeOfDay: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  adjClose: number;
  /** Header cells as written (trimmed); positional names for headerless files. */
  labels: string[];
}

export type HeaderMappingResult =
  | { ok: true; mapping: ColumnMapping; recognized: number }
  | { ok: false; missing: OhlcvField[]; recognized: number; labels: string[] };

// Aliases are compared after normalizeHeader(). Order matters for `date`: a combined date-time column
// beats a date-only one, which in turn can be joined with a separate `time` column.
const DATE_ALIASES = [
  'datetime',
  'date time',
  'timestamp',
  'date',
  'time',
  'open time',
  'unix',
  'day',
  '날짜',
  '일자',
  '일시',
];
const FIELD_ALIASES: Record<Exclude<OhlcvField, 'date'> | 'adjClose', string[]> = {
  open: ['open', 'o', 'open price', 'opening price', '시가'],
  high: ['high', 'h', 'high price', '고가'],
  low: ['low', 'l', 'low price', '저가'],
  // investing.com English exports call the close "Price".
  close: ['close', 'c', 'close price', 'closing price', 'last', 'price', '종가'],
  volume: ['volume', 'vol', 'v', 'volume traded', '거래량'],
  adjClose: ['adj close', 'adjusted close', 'adjclose', 'adj close price', '수정종가'],
};
const DATE_ONLY_ALIASES = new Set(['date', 'day', '날짜', '일자']);

/** Lower-cases and strips decoration so `" Adj. Close* "`, `<VOL>` and `open_time` compare as plain words. */
export function normalizeHeader(cell: string): string {
  return cell
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[<>*.]/g, '')
    .replace(/[_\s]+/g, ' ')
    .trim();
}

export function mapHeader(cells: readonly string[]): HeaderMappingResult {
  const normalized = cells.map(normalizeHeader);
  const labels = cells.map((cell) => cell.replace(/^\uFEFF/, '').trim());
  const used = new Set<number>();
  const find = (aliases: readonly string[]): number => {
    for (const alias of aliases) {
      const index = normalized.findIndex((name, i) => name === alias && !used.has(i));
      if (index !== -1) {
        used.add(index);
        return index;
      }
    }
    return -1;
  };

  let date = find(DATE_ALIASES);
  let timeOfDay = -1;
  if (date !== -1 && DATE_ONLY_ALIASES.has(normalized[date])) timeOfDay = find(['time']);
  // pandas `to_csv()` leaves the index column (the date) unnamed.
  if (date === -1 && normalized.length > 1 && normalized[0] === '') {
    date = 0;
    used.add(0);
  }
  const open = find(FIELD_ALIASES.open);
  const high = find(FIELD_ALIASES.high);
  const low = find(FIELD_ALIASES.low);
  const close = find(FIELD_ALIASES.close);
  const adjClose = find(FIELD_ALIASES.adjClose);
  let volume = find(FIELD_ALIASES.volume);
  if (volume === -1) {
    // e.g. CryptoDataDownload's `Volume BTC,Volume USDT`: the first one is the base-asset volume.
    volume = normalized.findIndex((name, i) => !used.has(i) && /^(volume|vol) /.test(name));
  }

  const found: Record<OhlcvField, number> = { date, open, high, low, close, volume };
  const recognized = Object.values(found).filter((index) => index !== -1).length + (adjClose !== -1 ? 1 : 0);
  const missing = REQUIRED_FIELDS.filter((field) => found[field] === -1);
  if (missing.length > 0) return { ok: false, missing, recognized, labels };
  return {
    ok: true,
    recognized,
    mapping: { date, timeOfDay, open, high, low, close, volume, adjClose, labels },
  };
}

/** Mapping for a file without a header row: `date, open, high, low, close[, volume, ...]` by position. */
export function positionalMapping(columnCount: number): ColumnMapping {
  const names = ['date', 'open', 'high', 'low', 'close', 'volume'];
  return {
    date: 0,
    timeOfDay: -1,
    open: 1,
    high: 2,
    low: 3,
    close: 4,
    volume: columnCount > 5 ? 5 : -1,
    adjClose: -1,
    labels: Array.from({ length: columnCount }, (_, i) => names[i] ?? `column ${i + 1}`),
  };
}

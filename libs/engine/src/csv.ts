import { EngineError } from './errors';
import type { OhlcvSeries } from './types';

const DATE_COLUMNS = ['date', 'datetime', 'timestamp', 'time'];
const PRICE_COLUMNS = ['open', 'high', 'low', 'close'] as const;
const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DAY_MS = 86_400_000;

export interface ParsedCsv {
  series: OhlcvSeries;
  /** 1-based source line of each bar. */
  lines: Int32Array;
}

/**
 * Parses OHLCV CSV text into a series. The date column is `date`, `datetime`, `timestamp` or `time`
 * (any case) or an unnamed first column; dates may be ISO (`2020-01-31`, `2020-01-31 09:30[:00[.000]]`,
 * with `T`, `Z` or an offset), `YYYYMMDD`, `YYYY/MM/DD`, or unix seconds / milliseconds. Dates
 * without an offset are UTC. Open/High/Low/Close are required (any case); Volume is optional (0).
 * Rows must be in increasing time order. Throws EngineError with the line number on bad input.
 */
export function parseOhlcvCsv(text: string): OhlcvSeries {
  return parseOhlcvCsvWithLines(text).series;
}

export function parseOhlcvCsvWithLines(text: string): ParsedCsv {
  const rows = text.split(/\r\n|\n|\r/);
  let headerLine = 0;
  while (headerLine < rows.length && rows[headerLine].trim() === '') headerLine++;
  if (headerLine >= rows.length) throw new EngineError('CSV_EMPTY', 'the CSV is empty');
  const headerText = rows[headerLine].replace(/^\uFEFF/, '');
  const delimiter = headerText.includes(',')
    ? ','
    : headerText.includes(';')
      ? ';'
      : headerText.includes('\t')
        ? '\t'
        : ',';
  const header = splitRow(headerText, delimiter).map((h) => h.trim());
  const lower = header.map((h) => h.toLowerCase());

  let dateCol = -1;
  for (const name of DATE_COLUMNS) {
    dateCol = lower.indexOf(name);
    if (dateCol >= 0) break;
  }
  if (dateCol < 0 && lower[0] === '') dateCol = 0;
  const missing = (name: string): EngineError =>
    new EngineError(
      'CSV_MISSING_COLUMN',
      `missing column: ${name} (header: ${header.join(delimiter)})`,
      headerLine + 1,
    );
  if (dateCol < 0) throw missing('date (Date, timestamp, time or an unnamed first column)');
  const priceCols = PRICE_COLUMNS.map((name) => {
    const idx = lower.indexOf(name);
    if (idx < 0) throw missing(name[0].toUpperCase() + name.slice(1));
    return idx;
  });
  const volumeCol = lower.indexOf('volume');
  const needed = Math.max(dateCol, volumeCol, ...priceCols) + 1;

  const capacity = rows.length - headerLine - 1;
  const time = new Float64Array(capacity);
  const open = new Float64Array(capacity);
  const high = new Float64Array(capacity);
  const low = new Float64Array(capacity);
  const close = new Float64Array(capacity);
  const volume = new Float64Array(capacity);
  const lines = new Int32Array(capacity);
  const targets = [open, high, low, close];
  let n = 0;
  for (let r = headerLine + 1; r < rows.length; r++) {
    const raw = rows[r];
    if (raw.trim() === '') continue;
    const line = r + 1;
    const fields = splitRow(raw, delimiter);
    if (fields.length < needed) {
      throw new EngineError(
        'CSV_BAD_NUMBER',
        `line ${line}: expected ${header.length} columns, found ${fields.length}`,
        line,
      );
    }
    const dateText = unquote(fields[dateCol]);
    const t = parseDate(dateText);
    if (t === null)
      throw new EngineError('CSV_BAD_DATE', `line ${line}: unparsable date '${dateText}'`, line);
    for (let k = 0; k < 4; k++) {
      const cell = unquote(fields[priceCols[k]]);
      if (!NUMBER_RE.test(cell)) {
        throw new EngineError(
          'CSV_BAD_NUMBER',
          `line ${line}: unparsable number in column ${header[priceCols[k]]}: '${cell}'`,
          line,
        );
      }
      const value = Number(cell);
      if (!(value > 0) || !Number.isFinite(value)) {
        throw new EngineError(
          'CSV_BAD_PRICE',
          `line ${line}: non-positive price in column ${header[priceCols[k]]}: ${cell}`,
          line,
        );
      }
      targets[k][n] = value;
    }
    if (high[n] < low[n]) {
      throw new EngineError(
        'CSV_BAD_PRICE',
        `line ${line}: ${header[priceCols[1]]} (${high[n]}) < ${header[priceCols[2]]} (${low[n]})`,
        line,
      );
    }
    let vol = 0;
    if (volumeCol >= 0) {
      const cell = unquote(fields[volumeCol]);
      if (cell !== '') {
        if (!NUMBER_RE.test(cell)) {
          throw new EngineError(
            'CSV_BAD_NUMBER',
            `line ${line}: unparsable number in column ${header[volumeCol]}: '${cell}'`,
            line,
          );
        }
        vol = Number(cell);
      }
    }
    if (n > 0 && t <= time[n - 1]) {
      throw new EngineError(
        'CSV_BAD_ORDER',
        `line ${line}: date '${dateText}' is not after the previous row (rows must be in increasing time order)`,
        line,
      );
    }
    time[n] = t;
    volume[n] = vol;
    lines[n] = line;
    n++;
  }
  if (n === 0) throw new EngineError('CSV_EMPTY', 'the CSV has a header but no data rows');
  return {
    series: {
      time: time.slice(0, n),
      open: open.slice(0, n),
      high: high.slice(0, n),
      low: low.slice(0, n),
      close: close.slice(0, n),
      volume: volume.slice(0, n),
    },
    lines: lines.slice(0, n),
  };
}

/** Splits one CSV row, honouring double-quoted fields ("" escapes a quote). */
function splitRow(row: string, delimiter: string): string[] {
  if (!row.includes('"')) return row.split(delimiter);
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < row.length; i++) {
    const ch = row[i];
    if (quoted) {
      if (ch === '"') {
        if (row[i + 1] === '"') {
          cur += '"';
          i++;
        } else quoted = false;
      } else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function unquote(cell: string): string {
  const t = cell.trim();
  return t.length >= 2 && t[0] === '"' && t[t.length - 1] === '"' ? t.slice(1, -1).trim() : t;
}

const ISO_RE =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** Epoch ms for a supported date text, or null. */
export function parseDate(text: string): number | null {
  if (/^\d{8}$/.test(text)) {
    return utc(Number(text.slice(0, 4)), Number(text.slice(4, 6)), Number(text.slice(6, 8)), 0, 0, 0, 0);
  }
  if (/^\d+(\.\d+)?$/.test(text)) {
    const value = Number(text);
    // Unix seconds up to year 5138; from 1e11 on the value is read as milliseconds.
    const ms = value < 1e11 ? value * 1000 : value;
    return Number.isFinite(ms) ? Math.round(ms) : null;
  }
  const m = ISO_RE.exec(text);
  if (m === null) return null;
  const fraction = m[7] !== undefined ? Math.floor(Number(`0.${m[7]}`) * 1000 + 1e-7) : 0;
  const base = utc(
    Number(m[1]),
    Number(m[2]),
    Number(m[3]),
    m[4] !== undefined ? Number(m[4]) : 0,
    m[5] !== undefined ? Number(m[5]) : 0,
    m[6] !== undefined ? Number(m[6]) : 0,
    fraction,
  );
  if (base === null) return null;
  const zone = m[8];
  if (zone === undefined || zone.toUpperCase() === 'Z') return base;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMin = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
  if (offsetMin > 18 * 60) return null;
  return base - sign * offsetMin * 60_000;
}

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return null;
  return daysFromCivil(y, mo, d) * DAY_MS + h * 3_600_000 + mi * 60_000 + s * 1000 + ms;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

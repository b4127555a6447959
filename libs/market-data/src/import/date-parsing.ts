import { floorDiv, isFiniteNumber, isNan, truncPositive } from './hot-path-math';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

const C_0 = 48;
const C_9 = 57;
const C_SPACE = 32;
const C_TAB = 9;
const C_DASH = 45;
const C_PLUS = 43;
const C_DOT = 46;
const C_COMMA = 44;
const C_SLASH = 47;
const C_COLON = 58;

export interface DateParseOptions {
  /**
   * How to read `NN/NN/YYYY`-style dates. Default: `/` is month-first (US, investing.com English exports),
   * `.` and `-` are day-first (European). A row that contradicts the order (month 13+) fails to parse
   * rather than being silently reinterpreted.
   */
  dayFirst?: boolean;
}

/** Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = floorDiv(y, 400);
  const yoe = y - era * 400;
  const doy = floorDiv(153 * (month > 2 ? month - 3 : month + 9) + 2, 5) + day - 1;
  const doe = yoe * 365 + floorDiv(yoe, 4) - floorDiv(yoe, 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isDigit(c: number): boolean {
  return c >= C_0 && c <= C_9;
}

function isBlank(c: number): boolean {
  return c === C_SPACE || c === C_TAB;
}

/** Epoch ms of a UTC calendar date, or NaN when the date does not exist. */
function civilToMs(year: number, month: number, day: number): number {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  return daysFromCivil(year, month, day) * DAY_MS;
}

function digitsValue(s: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) value = value * 10 + (s.charCodeAt(i) - C_0);
  return value;
}

/**
 * Cursor-based parser for one cell. Each step returns false (or NaN) on anything unexpected so that a
 * malformed cell never half-parses into a wrong timestamp.
 */
class Cursor {
  i: number;
  constructor(
    readonly s: string,
    start: number,
    readonly end: number,
  ) {
    this.i = start;
  }
  get done(): boolean {
    return this.i >= this.end;
  }
  peek(): number {
    return this.i < this.end ? this.s.charCodeAt(this.i) : -1;
  }
  skipBlanks(): void {
    while (this.i < this.end && isBlank(this.s.charCodeAt(this.i))) this.i++;
  }
  /** Reads minDigits..maxDigits digits; NaN when fewer than minDigits are present. */
  digits(minDigits: number, maxDigits: number): number {
    const start = this.i;
    while (this.i < this.end && this.i - start < maxDigits && isDigit(this.s.charCodeAt(this.i))) this.i++;
    return this.i - start < minDigits ? NaN : digitsValue(this.s, start, this.i);
  }
}

/** Parses `HH:MM[:SS[.fff]]`; returns ms since midnight or NaN. Leaves the cursor after the time. */
function readTimeOfDay(cur: Cursor): number {
  const hour = cur.digits(1, 2);
  if (isNan(hour) || cur.peek() !== C_COLON) return NaN;
  cur.i++;
  const minute = cur.digits(2, 2);
  if (isNan(minute)) return NaN;
  let second = 0;
  let millis = 0;
  if (cur.peek() === C_COLON) {
    cur.i++;
    second = cur.digits(2, 2);
    if (isNan(second)) return NaN;
    const c = cur.peek();
    if (c === C_DOT || c === C_COMMA) {
      cur.i++;
      const fracStart = cur.i;
      while (!cur.done && isDigit(cur.peek())) cur.i++;
      const fracLen = cur.i - fracStart;
      if (fracLen === 0) return NaN;
      // Keep millisecond precision; micro/nanoseconds (e.g. `.000000`) are truncated.
      const used = fracLen < 3 ? fracLen : 3;
      millis = digitsValue(cur.s, fracStart, fracStart + used) * 10 ** (3 - used);
    }
  }
  if (hour > 23 || minute > 59 || second > 59) return NaN;
  return hour * HOUR_MS + minute * MINUTE_MS + second * 1000 + millis;
}

/** Parses an optional zone suffix (`Z`, `UTC`, `GMT`, `+09:00`, `+0900`, `+09`) and returns its offset in ms. */
function readZoneOffset(cur: Cursor): number {
  cur.skipBlanks();
  if (cur.done) return 0;
  const c = cur.peek();
  if (c === 90 || c === 122) {
    cur.i++;
    return 0;
  }
  const rest = cur.s.slice(cur.i, cur.i + 3).toUpperCase();
  if (rest === 'UTC' || rest === 'GMT') {
    cur.i += 3;
    if (cur.done) return 0;
  }
  const signChar = cur.peek();
  if (signChar !== C_PLUS && signChar !== C_DASH) return NaN;
  cur.i++;
  const hours = cur.digits(2, 2);
  if (isNan(hours)) return NaN;
  let minutes = 0;
  if (cur.peek() === C_COLON) cur.i++;
  if (!cur.done) {
    minutes = cur.digits(2, 2);
    if (isNan(minutes)) return NaN;
  }
  if (hours > 14 || minutes > 59) return NaN;
  const offset = hours * HOUR_MS + minutes * MINUTE_MS;
  return signChar === C_PLUS ? offset : -offset;
}

/** Reads the optional time-of-day and zone after a date; the whole rest of the cell must be consumed. */
function finishDateTime(cur: Cursor, dayMs: number): number {
  if (isNan(dayMs)) return NaN;
  cur.skipBlanks();
  if (cur.done) return dayMs;
  const c = cur.peek();
  if (c === 84 || c === 116) cur.i++; // 'T' / 't'
  cur.skipBlanks();
  const timeMs = readTimeOfDay(cur);
  if (isNan(timeMs)) return NaN;
  const offset = readZoneOffset(cur);
  if (isNan(offset)) return NaN;
  cur.skipBlanks();
  if (!cur.done) return NaN;
  return dayMs + timeMs - offset;
}

function isDateSeparator(c: number): boolean {
  return c === C_DASH || c === C_DOT || c === C_SLASH;
}

/** `YYYY-MM-DD`, `YYYY.MM.DD`, `YYYY/MM/DD`, with blanks allowed around separators (`2023- 09- 08`). */
function parseYearFirst(cur: Cursor, year: number): number {
  const sep = cur.peek();
  cur.i++;
  cur.skipBlanks();
  const month = cur.digits(1, 2);
  cur.skipBlanks();
  if (isNan(month) || cur.peek() !== sep) return NaN;
  cur.i++;
  cur.skipBlanks();
  const day = cur.digits(1, 2);
  if (isNan(day)) return NaN;
  if (sep === C_DOT && cur.peek() === C_DOT) cur.i++; // Korean style `2023.09.08.`
  return finishDateTime(cur, civilToMs(year, month, day));
}

/** `DD/MM/YYYY` or `MM/DD/YYYY` (and `.`/`-` variants). */
function parseYearLast(cur: Cursor, first: number, options: DateParseOptions | undefined): number {
  const sep = cur.peek();
  cur.i++;
  cur.skipBlanks();
  const second = cur.digits(1, 2);
  cur.skipBlanks();
  if (isNan(second) || cur.peek() !== sep) return NaN;
  cur.i++;
  cur.skipBlanks();
  const year = cur.digits(4, 4);
  if (isNan(year)) return NaN;
  const dayFirst = options?.dayFirst ?? sep !== C_SLASH;
  const ms = dayFirst ? civilToMs(year, second, first) : civilToMs(year, first, second);
  return finishDateTime(cur, ms);
}

/** `YYYYMMDD`, `YYYYMMDDHHMM`, `YYYYMMDDHHMMSS`; NaN when the digits are not a real calendar date. */
function parseCompactCalendar(s: string, start: number, length: number): number {
  const year = digitsValue(s, start, start + 4);
  if (year < 1800 || year > 2299) return NaN;
  const day = civilToMs(year, digitsValue(s, start + 4, start + 6), digitsValue(s, start + 6, start + 8));
  if (length === 8 || isNan(day)) return day;
  const hour = digitsValue(s, start + 8, start + 10);
  const minute = digitsValue(s, start + 10, start + 12);
  const second = length === 14 ? digitsValue(s, start + 12, start + 14) : 0;
  if (hour > 23 || minute > 59 || second > 59) return NaN;
  return day + hour * HOUR_MS + minute * MINUTE_MS + second * 1000;
}

/**
 * Unix time whose unit is decided by magnitude: seconds below 1e11 (until year 5138), then milliseconds,
 * microseconds and nanoseconds. Present-day values are 10, 13, 16 and 19 digits long respectively.
 */
export function epochNumberToMs(value: number): number {
  if (!isFiniteNumber(value) || value < 0) return NaN;
  if (value < 1e11) return truncPositive(value * 1000 + 0.5);
  if (value < 1e14) return truncPositive(value + 0.5);
  if (value < 1e17) return truncPositive(value / 1e3);
  return truncPositive(value / 1e6);
}

/** Two digits at `i` as a number; negative when either is not a digit. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - C_0;
  const b = s.charCodeAt(i + 1) - C_0;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Fixed-position `YYYY-MM-DD[( |T)HH:MM[:SS[.fff...]]][Z]`, the shape of nearly every row in practice.
 * NaN means "not this exact shape" and sends the cell to the general parser.
 */
function parseFixedIso(s: string, start: number, end: number): number {
  const century = twoDigits(s, start);
  const yy = twoDigits(s, start + 2);
  const month = twoDigits(s, start + 5);
  const day = twoDigits(s, start + 8);
  if (century < 0 || yy < 0 || month < 0 || day < 0) return NaN;
  const dayMs = civilToMs(century * 100 + yy, month, day);
  if (end - start === 10 || isNan(dayMs)) return dayMs;

  const t = s.charCodeAt(start + 10);
  if ((t !== C_SPACE && t !== 84) || end - start < 16 || s.charCodeAt(start + 13) !== C_COLON) return NaN;
  const hour = twoDigits(s, start + 11);
  const minute = twoDigits(s, start + 14);
  let second = 0;
  let millis = 0;
  let i = start + 16;
  if (i < end && s.charCodeAt(i) === C_COLON) {
    second = twoDigits(s, i + 1);
    i += 3;
    if (i < end && s.charCodeAt(i) === C_DOT) {
      const fracStart = ++i;
      while (i < end && isDigit(s.charCodeAt(i))) {
        if (i - fracStart < 3) millis = millis * 10 + (s.charCodeAt(i) - C_0);
        i++;
      }
      const used = i - fracStart < 3 ? i - fracStart : 3;
      if (used === 0) return NaN;
      millis *= 10 ** (3 - used);
    }
  }
  if (i < end && s.charCodeAt(i) === 90 && i + 1 === end) i++; // 'Z'
  if (i !== end || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
    return NaN;
  return dayMs + hour * HOUR_MS + minute * MINUTE_MS + second * 1000 + millis;
}

/**
 * Parses a date/time cell to epoch ms (UTC when no zone is given); NaN when it is not a date.
 * Pure character arithmetic: no regex, no Date, because this runs once per row.
 */
export function parseDateTime(raw: string, options?: DateParseOptions): number {
  let start = 0;
  let end = raw.length;
  while (start < end && isBlank(raw.charCodeAt(start))) start++;
  while (end > start && isBlank(raw.charCodeAt(end - 1))) end--;
  if (start === end || !isDigit(raw.charCodeAt(start))) return NaN;
  if (end - start >= 10 && raw.charCodeAt(start + 4) === C_DASH && raw.charCodeAt(start + 7) === C_DASH) {
    const fast = parseFixedIso(raw, start, end);
    if (!isNan(fast)) return fast;
  }

  let i = start;
  while (i < end && isDigit(raw.charCodeAt(i))) i++;
  const leadingDigits = i - start;

  if (i === end) {
    if (leadingDigits === 8 || leadingDigits === 12 || leadingDigits === 14) {
      const calendar = parseCompactCalendar(raw, start, leadingDigits);
      if (!isNan(calendar)) return calendar;
    }
    // Fewer than 9 digits would be a unix time before 1973: far more likely a row index or garbage.
    return leadingDigits >= 9 ? epochNumberToMs(Number(raw.slice(start, end))) : NaN;
  }

  const next = raw.charCodeAt(i);
  if (next === C_DOT && leadingDigits >= 9) {
    // Fractional unix time such as `1694131200.5`.
    let j = i + 1;
    while (j < end && isDigit(raw.charCodeAt(j))) j++;
    return j === end && j > i + 1 ? epochNumberToMs(Number(raw.slice(start, end))) : NaN;
  }

  const cur = new Cursor(raw, i, end);
  const afterDigits = cur.peek();
  const sepPos = cur.i;
  cur.skipBlanks();
  if (!isDateSeparator(cur.peek())) return NaN;
  if (cur.i !== sepPos && leadingDigits !== 4) return NaN;
  if (leadingDigits === 4) return parseYearFirst(cur, digitsValue(raw, start, i));
  if (leadingDigits <= 2 && isDateSeparator(afterDigits)) {
    return parseYearLast(cur, digitsValue(raw, start, i), options);
  }
  return NaN;
}

/** Parses a separate time-of-day cell (`HH:MM[:SS]`, `HHMM`, `HHMMSS`) to ms since midnight, or NaN. */
export function parseTimeOfDay(raw: string): number {
  let start = 0;
  let end = raw.length;
  while (start < end && isBlank(raw.charCodeAt(start))) start++;
  while (end > start && isBlank(raw.charCodeAt(end - 1))) end--;
  let allDigits = end > start;
  for (let i = start; i < end && allDigits; i++) allDigits = isDigit(raw.charCodeAt(i));
  if (allDigits && (end - start === 4 || end - start === 6)) {
    const hour = digitsValue(raw, start, start + 2);
    const minute = digitsValue(raw, start + 2, start + 4);
    const second = end - start === 6 ? digitsValue(raw, start + 4, start + 6) : 0;
    if (hour > 23 || minute > 59 || second > 59) return NaN;
    return hour * HOUR_MS + minute * MINUTE_MS + second * 1000;
  }
  const cur = new Cursor(raw, start, end);
  const ms = readTimeOfDay(cur);
  return cur.done ? ms : NaN;
}

export function toIsoString(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

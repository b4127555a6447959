import { isFiniteNumber } from './hot-path-math';

const C_0 = 48;
const C_9 = 57;
const C_PLUS = 43;
const C_DASH = 45;
const C_DOT = 46;
const C_COMMA = 44;
const C_SPACE = 32;
const C_TAB = 9;

const SUFFIX_EXPONENT: Record<string, number> = { K: 3, M: 6, B: 9, T: 12 };

const MISSING_MARKERS = new Set(['', '-', '--', '—', '–', 'null', 'nan', 'n/a', 'na', 'none', '#n/a']);

function isDigit(c: number): boolean {
  return c >= C_0 && c <= C_9;
}

function isBlank(c: number): boolean {
  return c === C_SPACE || c === C_TAB;
}

/** True for cells that mean "no value": empty, `-`, `null`, `NaN`, `N/A`, ... */
export function isMissingCell(raw: string | undefined): boolean {
  if (raw === undefined) return true;
  // Fast exit: a cell starting with a digit is never a missing marker.
  const first = raw.charCodeAt(0);
  if (isDigit(first)) return false;
  const trimmed = raw.trim();
  return trimmed.length <= 4 && MISSING_MARKERS.has(trimmed.toLowerCase());
}

// Powers of ten that are exact doubles: mantissa / 10^k then rounds once, exactly like Number() (Clinger).
const EXACT_POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
const MAX_EXACT_MANTISSA = 2 ** 53;

/**
 * Parses a decimal number as written in market-data exports; NaN when the cell is not such a number.
 * - thousands separators must group by three (`1,234,567.5`); `1,5` is rejected rather than guessed;
 * - with `allowSuffix`, a trailing K/M/B/T multiplies by 1e3/1e6/1e9/1e12 (`1.5K` = 1500);
 * - no hex, binary, `Infinity` or other forms that `Number()` alone would accept.
 * Values are computed during the scan (no substring, no Number()) unless there are too many digits to
 * do that exactly; either way the result equals what Number() gives for the plain decimal text.
 */
export function parseDecimal(raw: string, allowSuffix = false): number {
  let start = 0;
  let end = raw.length;
  while (start < end && isBlank(raw.charCodeAt(start))) start++;
  while (end > start && isBlank(raw.charCodeAt(end - 1))) end--;
  if (start === end) return NaN;

  let i = start;
  let c = raw.charCodeAt(i);
  let negative = false;
  if (c === C_PLUS || c === C_DASH) {
    negative = c === C_DASH;
    i++;
  }

  let mantissa = 0;
  let intDigits = 0;
  let groupLength = 0;
  let sawComma = false;
  for (; i < end; i++) {
    c = raw.charCodeAt(i);
    if (c >= C_0 && c <= C_9) {
      mantissa = mantissa * 10 + (c - C_0);
      intDigits++;
      groupLength++;
    } else if (c === C_COMMA) {
      if (sawComma ? groupLength !== 3 : groupLength === 0 || groupLength > 3) return NaN;
      sawComma = true;
      groupLength = 0;
    } else {
      break;
    }
  }
  if (sawComma && groupLength !== 3) return NaN;

  let fracDigits = 0;
  if (i < end && raw.charCodeAt(i) === C_DOT) {
    i++;
    for (; i < end; i++) {
      c = raw.charCodeAt(i);
      if (c < C_0 || c > C_9) break;
      mantissa = mantissa * 10 + (c - C_0);
      fracDigits++;
    }
  }
  if (intDigits + fracDigits === 0) return NaN;

  let exponent = 0;
  let hasExponent = false;
  if (i < end && (raw.charCodeAt(i) | 32) === 101) {
    let j = i + 1;
    const sign = raw.charCodeAt(j);
    if (sign === C_PLUS || sign === C_DASH) j++;
    const expStart = j;
    let value = 0;
    while (j < end && isDigit(raw.charCodeAt(j))) value = value * 10 + (raw.charCodeAt(j++) - C_0);
    if (j === expStart) return NaN;
    exponent = sign === C_DASH ? -value : value;
    hasExponent = true;
    i = j;
  }
  const numberEnd = i;

  if (i < end) {
    if (!allowSuffix) return NaN;
    while (i < end && isBlank(raw.charCodeAt(i))) i++;
    const scale = SUFFIX_EXPONENT[raw.charAt(i).toUpperCase()];
    if (scale === undefined || i + 1 !== end) return NaN;
    exponent += scale;
  }

  let value: number;
  const power = exponent - fracDigits;
  if (mantissa < MAX_EXACT_MANTISSA && power >= -22 && power <= 22) {
    value = power < 0 ? mantissa / EXACT_POW10[-power] : mantissa * EXACT_POW10[power];
  } else {
    let text = raw.slice(negative || raw.charCodeAt(start) === C_PLUS ? start + 1 : start, numberEnd);
    if (sawComma) text = text.replace(/,/g, '');
    if (hasExponent) text = text.slice(0, text.search(/[eE]/));
    value = Number(`${text}e${exponent}`);
  }
  if (!isFiniteNumber(value)) return NaN;
  return negative ? -value : value;
}

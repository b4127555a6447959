/** Locale-aware formatting for numbers, money, ratios and dates. Missing values render as an em dash. */

export const EMPTY = '—';

export type MaybeNumber = number | null | undefined;
export type DateInput = Date | string | number | null | undefined;

const INTL_LOCALES: Record<string, string> = { ko: 'ko-KR', en: 'en-US' };

/** Maps an app language ('ko' | 'en') to a full Intl locale. */
export function toIntlLocale(language: string): string {
  return INTL_LOCALES[language] ?? language;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(language: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(toIntlLocale(language), options);
    numberFormats.set(key, format);
  }
  return format;
}

function dateFormat(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(toIntlLocale(language), options);
    dateFormats.set(key, format);
  }
  return format;
}

function isFiniteNumber(value: MaybeNumber): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function toDate(value: DateInput): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export interface NumberOptions {
  minimumFractionDigits?: number;
  maximumFractionDigits?: number;
  /** Show a + sign on positive values (returns, P&L). */
  signed?: boolean;
}

function signDisplay(signed: boolean | undefined): Intl.NumberFormatOptions['signDisplay'] {
  // 'negative' hides the sign of values that round to zero, so we never print "-0.00%".
  return signed ? 'exceptZero' : 'negative';
}

/** Plain number with grouping: 1234567.8 → "1,234,567.8". */
export function formatNumber(value: MaybeNumber, language: string, options: NumberOptions = {}): string {
  if (!isFiniteNumber(value)) return EMPTY;
  return numberFormat(language, {
    minimumFractionDigits: options.minimumFractionDigits ?? 0,
    maximumFractionDigits: options.maximumFractionDigits ?? 2,
    signDisplay: signDisplay(options.signed),
  }).format(value);
}

/** Money, KRW by default: 1234567 → "₩1,234,567". Uses the currency's own decimals (KRW has none). */
export function formatCurrency(
  value: MaybeNumber,
  language: string,
  currency = 'KRW',
  options: Pick<NumberOptions, 'signed'> = {},
): string {
  if (!isFiniteNumber(value)) return EMPTY;
  return numberFormat(language, { style: 'currency', currency, signDisplay: signDisplay(options.signed) }).format(value);
}

/** A fraction as a percentage with 2 decimals: 0.1234 → "12.34%". */
export function formatPercent(value: MaybeNumber, language: string, options: Pick<NumberOptions, 'signed'> = {}): string {
  if (!isFiniteNumber(value)) return EMPTY;
  return numberFormat(language, {
    style: 'percent',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    signDisplay: signDisplay(options.signed),
  }).format(value);
}

/** A ratio such as Sharpe or Sortino, always 2 decimals: 1.5 → "1.50". */
export function formatRatio(value: MaybeNumber, language: string): string {
  return formatNumber(value, language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** Whole credits: 1500 → "1,500". */
export function formatInteger(value: MaybeNumber, language: string): string {
  return formatNumber(value, language, { maximumFractionDigits: 0 });
}

/** Milliseconds as a unit: 12 → "12 ms" (en) / "12ms" (ko). */
export function formatMs(value: MaybeNumber, language: string): string {
  if (!isFiniteNumber(value)) return EMPTY;
  return numberFormat(language, { style: 'unit', unit: 'millisecond', maximumFractionDigits: 0 }).format(value);
}

export interface DateOptions {
  /** IANA zone; defaults to the browser's. */
  timeZone?: string;
}

/** Calendar date: "2024. 3. 5." (ko) / "Mar 5, 2024" (en). */
export function formatDate(value: DateInput, language: string, options: DateOptions = {}): string {
  const date = toDate(value);
  if (!date) return EMPTY;
  return dateFormat(language, { dateStyle: 'medium', timeZone: options.timeZone }).format(date);
}

/** Date and time to the minute. */
export function formatDateTime(value: DateInput, language: string, options: DateOptions = {}): string {
  const date = toDate(value);
  if (!date) return EMPTY;
  return dateFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: options.timeZone }).format(date);
}

/** Time of day with seconds, for "last updated" labels. */
export function formatTime(value: DateInput, language: string, options: DateOptions = {}): string {
  const date = toDate(value);
  if (!date) return EMPTY;
  return dateFormat(language, { timeStyle: 'medium', timeZone: options.timeZone }).format(date);
}

/** All formatters bound to one language; see useFormat() for the current UI language. */
export function createFormatters(language: string) {
  return {
    language,
    number: (value: MaybeNumber, options?: NumberOptions) => formatNumber(value, language, options),
    integer: (value: MaybeNumber) => formatInteger(value, language),
    currency: (value: MaybeNumber, currency?: string, options?: Pick<NumberOptions, 'signed'>) =>
      formatCurrency(value, language, currency, options),
    percent: (value: MaybeNumber, options?: Pick<NumberOptions, 'signed'>) => formatPercent(value, language, options),
    ratio: (value: MaybeNumber) => formatRatio(value, language),
    ms: (value: MaybeNumber) => formatMs(value, language),
    date: (value: DateInput, options?: DateOptions) => formatDate(value, language, options),
    dateTime: (value: DateInput, options?: DateOptions) => formatDateTime(value, language, options),
    time: (value: DateInput, options?: DateOptions) => formatTime(value, language, options),
  };
}

export type Formatters = ReturnType<typeof createFormatters>;

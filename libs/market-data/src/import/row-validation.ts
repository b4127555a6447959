import type { OhlcvField, PriceField } from './header-mapping';
import type { ProblemCode } from './import-report';
import { isNan } from './hot-path-math';
import { isMissingCell, parseDecimal } from './number-parsing';

export interface RowProblem {
  code: ProblemCode;
  column?: OhlcvField;
  message: string;
  value?: string;
}

/** Parsed values of one row; reused between rows to keep the hot loop allocation-free. */
export interface BarValues {
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  repaired: boolean;
}

export type BarCells = Record<PriceField | 'volume', string | undefined>;
export type FieldLabels = Record<PriceField | 'volume', string>;

// Parsed cell values are finite or NaN, so -Infinity is free to mean "no value in the cell".
const MISSING = -Infinity;

export function shortValue(raw: string | undefined): string {
  const trimmed = (raw ?? '').trim();
  return trimmed.length > 40 ? `${trimmed.slice(0, 37)}...` : trimmed;
}

function describe(labels: FieldLabels, field: PriceField | 'volume'): string {
  const label = labels[field];
  return label && label.toLowerCase() !== field ? `${field} ("${label}")` : field;
}

function readCell(raw: string | undefined, allowSuffix: boolean): number {
  return isMissingCell(raw) ? MISSING : parseDecimal(raw as string, allowSuffix);
}

function cellProblem(
  field: PriceField | 'volume',
  value: number,
  cells: BarCells,
  labels: FieldLabels,
): RowProblem | null {
  const raw = shortValue(cells[field]);
  if (isNan(value)) {
    return {
      code: 'NOT_A_NUMBER',
      column: field,
      message: `${describe(labels, field)} is not a number: "${raw}"`,
      value: raw,
    };
  }
  if (value < 0 && value !== MISSING) {
    const code = field === 'volume' ? 'NEGATIVE_VOLUME' : 'NON_POSITIVE_PRICE';
    const rule = field === 'volume' ? 'must not be negative' : 'must be positive';
    return { code, column: field, message: `${describe(labels, field)} ${rule}, got ${value}`, value: raw };
  }
  return null;
}

/**
 * Parses and checks the price and volume cells of one row into `out`.
 * Returns the row's first problem, or null when the row is usable (possibly after a trading-halt repair,
 * flagged by `out.repaired`). Open/close outside [low, high] is accepted: real feeds contain it.
 */
export function validateBarCells(cells: BarCells, labels: FieldLabels, out: BarValues): RowProblem | null {
  const open = readCell(cells.open, false);
  const high = readCell(cells.high, false);
  const low = readCell(cells.low, false);
  const close = readCell(cells.close, false);
  let volume = cells.volume === undefined ? 0 : readCell(cells.volume, true);
  if (volume === MISSING) volume = 0;
  // Fast exit for the common case: everything positive and consistent.
  if (open > 0 && high > 0 && low > 0 && close > 0 && volume >= 0 && high >= low) {
    out.open = open;
    out.high = high;
    out.low = low;
    out.close = close;
    out.volume = volume;
    out.repaired = false;
    return null;
  }

  const problem =
    cellProblem('open', open, cells, labels) ??
    cellProblem('high', high, cells, labels) ??
    cellProblem('low', low, cells, labels) ??
    cellProblem('close', close, cells, labels) ??
    cellProblem('volume', volume, cells, labels);
  if (problem) return problem;

  if (close === MISSING) {
    return {
      code: 'MISSING_VALUE',
      column: 'close',
      message: `${describe(labels, 'close')} is missing`,
      value: '',
    };
  }
  if (close === 0) {
    return {
      code: 'NON_POSITIVE_PRICE',
      column: 'close',
      message: `${describe(labels, 'close')} must be positive, got 0`,
      value: shortValue(cells.close),
    };
  }

  // open/high/low are now each positive, 0 or MISSING.
  const openBad = open <= 0;
  const highBad = high <= 0;
  const lowBad = low <= 0;
  if (openBad || highBad || lowBad) {
    // A halted session has no trades, so no open/high/low, only a reference close. The rest of the
    // row must agree (zero volume, any real price equal to the close) or it is bad data, not a halt.
    const haltLike =
      volume === 0 && (openBad || open === close) && (highBad || high === close) && (lowBad || low === close);
    if (haltLike) {
      out.open = close;
      out.high = close;
      out.low = close;
      out.close = close;
      out.volume = 0;
      out.repaired = true;
      return null;
    }
    const field: PriceField = openBad ? 'open' : highBad ? 'high' : 'low';
    const value = field === 'open' ? open : field === 'high' ? high : low;
    const hint = volume === 0 ? '' : ' (volume is not 0, so this is not a trading halt)';
    if (value === MISSING) {
      return {
        code: 'MISSING_VALUE',
        column: field,
        message: `${describe(labels, field)} is missing${hint}`,
        value: '',
      };
    }
    return {
      code: 'NON_POSITIVE_PRICE',
      column: field,
      message: `${describe(labels, field)} must be positive, got 0${hint}`,
      value: shortValue(cells[field]),
    };
  }

  if (high < low) {
    return {
      code: 'HIGH_BELOW_LOW',
      column: 'high',
      message: `high ${high} is below low ${low}`,
      value: `${shortValue(cells.high)} < ${shortValue(cells.low)}`,
    };
  }
  out.open = open;
  out.high = high;
  out.low = low;
  out.close = close;
  out.volume = volume;
  out.repaired = false;
  return null;
}

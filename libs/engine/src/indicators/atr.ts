import { allocF64 } from '../scratch';

/**
 * Average True Range with Wilder smoothing (TA-Lib convention): true range needs the previous
 * close, so the first ATR, at index `period`, is the plain mean of TR[1..period]; then
 * atr = (atr × (period − 1) + TR) / period.
 */
export function atr(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  period: number,
): Float64Array {
  const n = close.length;
  const out = allocF64(n).fill(NaN);
  if (n <= period) return out;
  let sum = 0;
  for (let i = 1; i <= period; i++) sum += trueRange(high[i], low[i], close[i - 1]);
  let value = sum / period;
  out[period] = value;
  for (let i = period + 1; i < n; i++) {
    value = (value * (period - 1) + trueRange(high[i], low[i], close[i - 1])) / period;
    out[i] = value;
  }
  return out;
}

function trueRange(high: number, low: number, prevClose: number): number {
  const a = high - low;
  const b = Math.abs(high - prevClose);
  const c = Math.abs(low - prevClose);
  return a > b ? (a > c ? a : c) : b > c ? b : c;
}

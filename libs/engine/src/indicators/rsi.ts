import { allocF64 } from '../scratch';

/**
 * Relative Strength Index with Wilder smoothing, as TA-Lib computes it: the first value, at index
 * `period`, uses the plain average gain and loss of the first `period` changes; after that
 * avg = (avg * (period - 1) + current) / period. 0 when there was neither gain nor loss.
 */
export function rsi(values: Float64Array, period: number): Float64Array {
  const n = values.length;
  const out = allocF64(n).fill(NaN);
  if (n <= period) return out;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const d = values[i] - values[i - 1];
    if (d > 0) gain += d;
    else loss -= d;
  }
  gain /= period;
  loss /= period;
  out[period] = rsiValue(gain, loss);
  for (let i = period + 1; i < n; i++) {
    const d = values[i] - values[i - 1];
    gain = (gain * (period - 1) + (d > 0 ? d : 0)) / period;
    loss = (loss * (period - 1) + (d < 0 ? -d : 0)) / period;
    out[i] = rsiValue(gain, loss);
  }
  return out;
}

function rsiValue(gain: number, loss: number): number {
  const total = gain + loss;
  return total !== 0 ? (100 * gain) / total : 0;
}

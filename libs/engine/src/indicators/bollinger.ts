import { sma } from './sma';
import { allocF64, releaseF64 } from '../scratch';

export interface BollingerBands {
  upper: Float64Array;
  middle: Float64Array;
  lower: Float64Array;
}

/**
 * Bollinger bands: middle = SMA(period); upper/lower = middle ± k × population standard deviation
 * (ddof = 0, as TA-Lib and Bollinger define it) over the same window. First `period - 1` values NaN.
 */
export function bollinger(values: Float64Array, period: number, k: number): BollingerBands {
  const n = values.length;
  const middle = sma(values, period);
  const std = rollingStd(values, period);
  const upper = allocF64(n);
  const lower = allocF64(n);
  for (let i = 0; i < n; i++) {
    const m = middle[i];
    const d = k * std[i];
    upper[i] = m + d;
    lower[i] = m - d;
  }
  releaseF64(std);
  return { upper, middle, lower };
}

/** Rolling population standard deviation (Welford add/remove updates). Assumes no NaN input. */
export function rollingStd(values: Float64Array, period: number): Float64Array {
  const n = values.length;
  const out = allocF64(n);
  let mean = 0;
  let m2 = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    count++;
    let delta = x - mean;
    mean += delta / count;
    m2 += delta * (x - mean);
    if (i >= period) {
      const old = values[i - period];
      count--;
      delta = old - mean;
      mean -= delta / count;
      m2 -= delta * (old - mean);
    }
    out[i] = i >= period - 1 ? Math.sqrt(m2 > 0 ? m2 / count : 0) : NaN;
  }
  return out;
}

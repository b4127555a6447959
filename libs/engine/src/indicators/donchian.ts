import { allocF64 } from '../scratch';

export interface DonchianChannel {
  upper: Float64Array;
  lower: Float64Array;
}

/**
 * Donchian channel: highest High and lowest Low of the last `period` bars, the current bar
 * included; first `period − 1` values NaN. Breakout rules compare with the previous bar's channel.
 */
export function donchian(high: Float64Array, low: Float64Array, period: number): DonchianChannel {
  return { upper: rollingMax(high, period), lower: rollingMin(low, period) };
}

/** O(n) rolling maximum with a monotonic deque of indices. */
export function rollingMax(values: Float64Array, period: number): Float64Array {
  return rollingExtreme(values, period, true);
}

export function rollingMin(values: Float64Array, period: number): Float64Array {
  return rollingExtreme(values, period, false);
}

function rollingExtreme(values: Float64Array, period: number, max: boolean): Float64Array {
  const n = values.length;
  const out = allocF64(n);
  const deque = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    while (tail > head && (max ? values[deque[tail - 1]] <= v : values[deque[tail - 1]] >= v)) tail--;
    deque[tail++] = i;
    if (deque[head] <= i - period) head++;
    out[i] = i >= period - 1 ? values[deque[head]] : NaN;
  }
  return out;
}

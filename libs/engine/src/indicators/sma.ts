import { allocF64, releaseF64 } from '../scratch';

/**
 * Simple moving average: plain rolling mean over `period` values, the first `period - 1` values NaN.
 *
 * Bit-compatible with pandas `Series.rolling(period).mean()`: the same running sum with Kahan
 * compensation (separate compensations for added and removed values) and the same guards, so that
 * crossovers of two averages flip on exactly the bars where backtesting.py users see them flip.
 */
export function sma(values: Float64Array, period: number): Float64Array {
  const n = values.length;
  const out = allocF64(n);
  if (n === 0) return out;
  if (period === 1) {
    out.set(values);
    return out;
  }
  if (smaPositive(values, period, out)) return out;
  let sum = 0;
  let compAdd = 0;
  let compRemove = 0;
  let nobs = 0;
  let negCount = 0;
  let sameRun = 0;
  let prevValue = values[0];
  for (let i = 0; i < n; i++) {
    if (i >= period) {
      const old = values[i - period];
      if (old === old) {
        nobs--;
        const y = -old - compRemove;
        const t = sum + y;
        compRemove = t - sum - y;
        sum = t;
        if (old < 0 || (old === 0 && 1 / old < 0)) negCount--;
      }
    }
    const val = values[i];
    if (val === val) {
      nobs++;
      const y = val - compAdd;
      const t = sum + y;
      compAdd = t - sum - y;
      sum = t;
      if (val < 0 || (val === 0 && 1 / val < 0)) negCount++;
      if (val === prevValue) sameRun++;
      else sameRun = 1;
      prevValue = val;
    }
    if (nobs >= period) {
      let result = sum / nobs;
      if (sameRun >= nobs) result = prevValue;
      else if (negCount === 0 && result < 0) result = 0;
      else if (negCount === nobs && result > 0) result = 0;
      out[i] = result;
    } else {
      out[i] = NaN;
    }
  }
  return out;
}

/**
 * The same computation for inputs without NaN, zero or negative values (prices), where pandas'
 * NaN and sign bookkeeping never changes the result. Returns false (and gives up) at the first
 * value that is not positive, so the general loop can take over.
 */
function smaPositive(values: Float64Array, period: number, out: Float64Array): boolean {
  const n = values.length;
  let sum = 0;
  let compAdd = 0;
  let compRemove = 0;
  let sameRun = 0;
  let prevValue = values[0];
  const warm = period - 1 < n ? period - 1 : n;
  for (let i = 0; i < warm; i++) {
    const val = values[i];
    if (!(val > 0)) return false;
    const y = val - compAdd;
    const t = sum + y;
    compAdd = t - sum - y;
    sum = t;
    if (val === prevValue) sameRun++;
    else sameRun = 1;
    prevValue = val;
    out[i] = NaN;
  }
  for (let i = warm; i < n; i++) {
    const val = values[i];
    if (!(val > 0)) return false;
    if (i >= period) {
      const old = values[i - period];
      const y = -old - compRemove;
      const t = sum + y;
      compRemove = t - sum - y;
      sum = t;
    }
    const y = val - compAdd;
    const t = sum + y;
    compAdd = t - sum - y;
    sum = t;
    if (val === prevValue) sameRun++;
    else sameRun = 1;
    prevValue = val;
    out[i] = sameRun >= period ? prevValue : sum / period;
  }
  return true;
}

/**
 * Two SMAs of the same input in one pass: each result is identical to `sma(values, p)`, but the two
 * running sums are independent dependency chains that the CPU overlaps (about twice as fast as two
 * separate passes on long series).
 */
export function smaPair(values: Float64Array, p1: number, p2: number): [Float64Array, Float64Array] {
  const n = values.length;
  if (n > 0 && p1 > 1 && p2 > 1 && p1 !== p2) {
    const a = allocF64(n);
    const b = allocF64(n);
    if (smaPositivePair(values, p1, p2, a, b)) return [a, b];
    releaseF64(a);
    releaseF64(b);
  }
  return [sma(values, p1), sma(values, p2)];
}

function smaPositivePair(
  values: Float64Array,
  p1: number,
  p2: number,
  a: Float64Array,
  b: Float64Array,
): boolean {
  const n = values.length;
  let sumA = 0;
  let addA = 0;
  let remA = 0;
  let sumB = 0;
  let addB = 0;
  let remB = 0;
  let sameRun = 0;
  let prevValue = values[0];
  for (let i = 0; i < n; i++) {
    const val = values[i];
    if (!(val > 0)) return false;
    if (val === prevValue) sameRun++;
    else sameRun = 1;
    prevValue = val;
    if (i >= p1) {
      const y = -values[i - p1] - remA;
      const t = sumA + y;
      remA = t - sumA - y;
      sumA = t;
    }
    if (i >= p2) {
      const y = -values[i - p2] - remB;
      const t = sumB + y;
      remB = t - sumB - y;
      sumB = t;
    }
    let y = val - addA;
    let t = sumA + y;
    addA = t - sumA - y;
    sumA = t;
    y = val - addB;
    t = sumB + y;
    addB = t - sumB - y;
    sumB = t;
    a[i] = i < p1 - 1 ? NaN : sameRun >= p1 ? val : sumA / p1;
    b[i] = i < p2 - 1 ? NaN : sameRun >= p2 ? val : sumB / p2;
  }
  return true;
}

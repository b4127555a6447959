import { allocF64 } from '../scratch';

/**
 * Exponential moving average with alpha = 2 / (period + 1), seeded with the first defined value
 * (pandas `ewm(span=period, adjust=False, min_periods=period).mean()`, same arithmetic). The first
 * `period - 1` defined values are reported as NaN so the average has warmed up before it is used.
 * Leading NaN input values are skipped, which lets a MACD signal line start where the MACD line does.
 */
export function ema(values: Float64Array, period: number): Float64Array {
  const n = values.length;
  const out = allocF64(n);
  if (n === 0) return out;
  const com = (period - 1) / 2;
  const alpha = 1 / (1 + com);
  const oldWeightFactor = 1 - alpha;
  const newWeight = alpha;
  let weighted = values[0];
  let nobs = weighted === weighted ? 1 : 0;
  out[0] = nobs >= period ? weighted : NaN;
  let oldWeight = 1;
  for (let i = 1; i < n; i++) {
    const cur = values[i];
    const isObservation = cur === cur;
    if (isObservation) nobs++;
    if (weighted === weighted) {
      oldWeight *= oldWeightFactor;
      if (isObservation) {
        if (weighted !== cur) {
          weighted = oldWeight * weighted + newWeight * cur;
          weighted /= oldWeight + newWeight;
        }
        oldWeight = 1;
      }
    } else if (isObservation) {
      weighted = cur;
    }
    out[i] = nobs >= period ? weighted : NaN;
  }
  return out;
}

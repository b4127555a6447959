import { ema } from './ema';
import { allocF64, releaseF64 } from '../scratch';

export interface MacdLines {
  macd: Float64Array;
  signal: Float64Array;
  hist: Float64Array;
}

/**
 * MACD line = EMA(fast) − EMA(slow); signal = EMA(signal) of the MACD line; hist = macd − signal.
 * With the EMA convention of `ema.ts` the MACD line is defined from index slow − 1 and the signal
 * line from index slow + signal − 2.
 */
export function macd(values: Float64Array, fast: number, slow: number, signalPeriod: number): MacdLines {
  const n = values.length;
  const fastEma = ema(values, fast);
  const slowEma = ema(values, slow);
  const line = allocF64(n);
  for (let i = 0; i < n; i++) line[i] = fastEma[i] - slowEma[i];
  releaseF64(fastEma);
  releaseF64(slowEma);
  const signal = ema(line, signalPeriod);
  const hist = allocF64(n);
  for (let i = 0; i < n; i++) hist[i] = line[i] - signal[i];
  return { macd: line, signal, hist };
}

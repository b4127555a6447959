/**
 * Columnar OHLCV bars, the engine's `OhlcvSeries` shape: parallel arrays, `time` in epoch ms (UTC),
 * ascending and unique.
 */
export interface OhlcvSeries {
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

export function emptySeries(length = 0): OhlcvSeries {
  return {
    time: new Float64Array(length),
    open: new Float64Array(length),
    high: new Float64Array(length),
    low: new Float64Array(length),
    close: new Float64Array(length),
    volume: new Float64Array(length),
  };
}

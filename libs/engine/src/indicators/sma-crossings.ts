/** Bars where one line crosses the other: `up` where a crosses above b, `down` where below. */
export interface Crossings {
  up: Uint8Array;
  down: Uint8Array;
  /** The bars of `up` and `down`, in order. */
  events: Int32Array;
}

/**
 * crossovers(sma(values, p1), sma(values, p2)) in one pass, without storing the two averages: each
 * average is computed exactly as `smaPair` computes it (pandas' Kahan running sums), and compared
 * with the other on the fly. A single run needs only the crossings, and not writing two 8-byte
 * lines per bar (and not reading them back) is most of the cost saved on long series.
 *
 * Returns null where `smaPair` would not use its positive-input path (a value that is not positive,
 * a period of 1, equal periods); the caller then computes the lines.
 */
export function smaCrossings(
  values: Float64Array,
  p1: number,
  p2: number,
  buffer?: ArrayBuffer,
): Crossings | null {
  const n = values.length;
  if (n === 0 || p1 <= 1 || p2 <= 1 || p1 === p2) return null;
  const { up, down, events } = crossingArrays(n, buffer);
  const count = markSmaCrossings(values, p1, p2, up, down, events);
  return count < 0 ? null : { up, down, events: events.subarray(0, count) };
}

/** Where the events start in a crossing buffer: after the two marks, 4-byte aligned. */
function eventsOffset(n: number): number {
  return (2 * n + 3) & ~3;
}

/** Bytes `crossingArrays(n)` needs: the two marks, then room for n events. */
export function crossingBytes(n: number): number {
  return eventsOffset(n) + 4 * n;
}

/**
 * Zeroed `up` and `down` marks and room for n events, in one allocation (a backtest on a short
 * series spends more time allocating arrays than filling them), or in `buffer` (crossingBytes(n)).
 */
export function crossingArrays(n: number, buffer?: ArrayBuffer): Crossings {
  const bytes = buffer ?? new ArrayBuffer(crossingBytes(n));
  if (buffer !== undefined) new Uint8Array(bytes, 0, 2 * n).fill(0);
  return {
    up: new Uint8Array(bytes, 0, n),
    down: new Uint8Array(bytes, n, n),
    events: new Int32Array(bytes, eventsOffset(n), n),
  };
}

/** The loop of `smaCrossings`: the number of crossings, or −1 at a value that is not positive. */
function markSmaCrossings(
  values: Float64Array,
  p1: number,
  p2: number,
  up: Uint8Array,
  down: Uint8Array,
  events: Int32Array,
): number {
  const n = values.length;
  let sumA = 0;
  let addA = 0;
  let remA = 0;
  let sumB = 0;
  let addB = 0;
  let remB = 0;
  let sameRun = 0;
  let prevValue = values[0];
  let prevA = NaN;
  let prevB = NaN;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const val = values[i];
    if (!(val > 0)) return -1;
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
    const a = i < p1 - 1 ? NaN : sameRun >= p1 ? val : sumA / p1;
    const b = i < p2 - 1 ? NaN : sameRun >= p2 ? val : sumB / p2;
    if (prevA < prevB && a > b) {
      up[i] = 1;
      events[count++] = i;
    } else if (prevB < prevA && b > a) {
      down[i] = 1;
      events[count++] = i;
    }
    prevA = a;
    prevB = b;
  }
  return count;
}

import { crossingArrays, type Crossings } from './indicators/sma-crossings';
import { allocF64 } from './scratch';

/**
 * A strategy compiled to per-bar signal arrays. Signals at bar i may only use data up to bar i;
 * the simulator turns them into orders that fill on the next bar (or at bar i's Close with
 * `tradeOnClose`).
 *
 * - `reversal` mode (crossover templates, like backtesting.py's SmaCross): on `longEntry` close any
 *   position, then buy; on `shortEntry` close any position, then sell short when shorts are allowed
 *   (long-only: just close). Position state is not consulted.
 * - `stateful` mode (everything else): when flat, `longEntry` buys (or else, if shorts are allowed,
 *   `shortEntry` sells); a long position is closed on `longExit`, a short one on `shortExit`.
 */
export interface CompiledStrategy {
  /** Human-readable label, e.g. `sma-cross(fast=10, slow=30, direction=long-short)`. */
  label: string;
  mode: 'reversal' | 'stateful';
  /** Every declared indicator line: the warm-up ends when all of them are defined. */
  indicators: Float64Array[];
  /** The first defined bar of indicator lines that were not stored (see IndicatorCache.smaCrossings). */
  indicatorStarts?: number[];
  longEntry: Uint8Array;
  longExit: Uint8Array | null;
  shortEntry: Uint8Array | null;
  shortExit: Uint8Array | null;
  allowShort: boolean;
  /** Stop-loss distance in percent of the signal bar's Close, or NaN for none. */
  stopLossPct: number;
  /** Take-profit distance in percent of the signal bar's Close, or NaN for none. */
  takeProfitPct: number;
  /**
   * Optional: the sorted bars on which any signal is set. Lets the simulator mark equity in a tight
   * loop between them (crossover signals are sparse).
   */
  events?: Int32Array;
}

/** crossover(a, b) at bar i: a[i-1] < b[i-1] and a[i] > b[i]; strict, and false on NaN. */
export function crossover(a: Float64Array, b: Float64Array, out?: Uint8Array): Uint8Array {
  const n = a.length;
  const result = out ?? new Uint8Array(n);
  if (n > 0) result[0] = 0;
  let prevA = a[0];
  let prevB = b[0];
  for (let i = 1; i < n; i++) {
    const ca = a[i];
    const cb = b[i];
    result[i] = prevA < prevB && ca > cb ? 1 : 0;
    prevA = ca;
    prevB = cb;
  }
  return result;
}

/** Both crossings in one pass: `up` = crossover(a, b), `down` = crossover(b, a); in `buffer` if given (see crossingArrays). */
export function crossovers(a: Float64Array, b: Float64Array, buffer?: ArrayBuffer): Crossings {
  const { up, down, events } = crossingArrays(a.length, buffer);
  const count = markCrossovers(a, b, up, down, events);
  return { up, down, events: events.subarray(0, count) };
}

/** The loop of `crossovers`, returning the number of events (kept apart: see `runBars` in simulate.ts). */
function markCrossovers(
  a: Float64Array,
  b: Float64Array,
  up: Uint8Array,
  down: Uint8Array,
  events: Int32Array,
): number {
  const n = a.length;
  let count = 0;
  let prevA = a[0];
  let prevB = b[0];
  for (let i = 1; i < n; i++) {
    const ca = a[i];
    const cb = b[i];
    if (prevA < prevB && ca > cb) {
      up[i] = 1;
      events[count++] = i;
    } else if (prevB < prevA && cb > ca) {
      down[i] = 1;
      events[count++] = i;
    }
    prevA = ca;
    prevB = cb;
  }
  return count;
}

/** Element-wise a[i] > b[i] (false on NaN). */
export function greater(a: Float64Array, b: Float64Array): Uint8Array {
  const n = a.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = a[i] > b[i] ? 1 : 0;
  return out;
}

/** A copy of `values` delayed by `bars` (the first `bars` values NaN). */
export function shifted(values: Float64Array, bars: number): Float64Array {
  if (bars === 0) return values;
  const n = values.length;
  const out = allocF64(n);
  for (let i = 0; i < n; i++) out[i] = i >= bars ? values[i - bars] : NaN;
  return out;
}

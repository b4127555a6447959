import type { DisplaySeries } from '../types';
import type { Calendar } from './calendar';

const DAY_MS = 86_400_000;

export interface EquityPassStats {
  display: { equity: DisplaySeries; drawdown: DisplaySeries } | null;
  equityPeak: number;
  /** Deepest drawdown as a fraction (0.48 = 48 %). */
  maxDrawdown: number;
  /** Mean of the deepest point of each episode, as a fraction; NaN without drawdown. */
  avgDrawdown: number;
  maxDurationDays: number;
}

/**
 * One pass over the equity curve for drawdown = 1 − equity / running peak and its episodes, and the
 * display series. Episodes run between bars at zero drawdown (backtesting.py pairs consecutive
 * zero-drawdown bars plus the last bar, keeping pairs more than one bar apart), so an episode still
 * open at the end counts; durations are rounded up to the data's resolution. (Beta has a loop of its
 * own: V8 compiles the two simpler loops to faster code than one loop doing both.)
 */
export function equityPass(
  equity: Float64Array,
  time: Float64Array,
  calendar: Calendar,
  displayPoints: number,
): EquityPassStats {
  const n = equity.length;
  let display: EquityPassStats['display'] = null;
  if (displayPoints > 0) {
    // At most every bar, or the first, the last and two per bucket.
    const capacity = Math.min(n, Math.max(displayPoints, 2));
    if (displayScratch.et.length < capacity) displayScratch = pointsOf(capacity);
    const { et, ev, dt, dv } = displayScratch;
    scanEquity(equity, time, displayPoints, displayScratch);
    display = {
      equity: { t: numbers(et, scanEquityPoints), v: numbers(ev, scanEquityPoints) },
      drawdown: { t: numbers(dt, scanDrawdownPoints), v: numbers(dv, scanDrawdownPoints) },
    };
  } else {
    scanDrawdown(equity, time);
    // The episode under way at the last bar, if any: its deepest point.
    scanEpisodeMax = scanLow < Infinity ? 1 - scanLow / scanPeak : 0;
    if (scanEpisodeMax > scanMaxDd) scanMaxDd = scanEpisodeMax;
  }
  const peak = scanPeak;
  const lastZero = scanLastZero;
  let episodes = scanEpisodes;
  let episodePeakSum = scanEpisodePeakSum;
  let maxDurationMs = scanMaxDurationMs;
  let avgDd = NaN;
  const lastDd = n > 0 ? 1 - equity[n - 1] / peak : 0;
  if (lastDd !== 0 && lastZero >= 0) {
    if (n - 1 > lastZero + 1) {
      episodes++;
      episodePeakSum += scanEpisodeMax;
      const duration = time[n - 1] - time[lastZero];
      if (duration > maxDurationMs) maxDurationMs = duration;
    } else if (episodes === 0) {
      // pandas averages the drawdown values themselves when there is no episode: only this bar.
      avgDd = lastDd;
      maxDurationMs = time[n - 1] - time[lastZero];
    }
  }
  if (episodes > 0) avgDd = episodePeakSum / episodes;
  const res = calendar.resolutionMs;
  return {
    equityPeak: peak,
    maxDrawdown: scanMaxDd,
    avgDrawdown: avgDd,
    maxDurationDays: maxDurationMs >= 0 ? (Math.ceil(maxDurationMs / res) * res) / DAY_MS : NaN,
    display,
  };
}

/**
 * What the last `scanEquity` found. Module variables on purpose: V8 compiles a million-bar loop
 * while it runs (on-stack replacement), before the code after the loop has run, and that code then
 * throws the compiled loop away whenever it needs type feedback it lacks — a named or keyed store,
 * a call, even arithmetic — and a process can end up doing so on every run. Storing to module
 * variables needs none. Hot loops here end with such stores (or return one local).
 */
let scanPeak = 0;
let scanMaxDd = 0;
let scanLow = Infinity;
let scanLastZero = -1;
let scanEpisodeMax = 0;
let scanEpisodes = 0;
let scanEpisodePeakSum = 0;
let scanMaxDurationMs = 0;
let scanEquityPoints = 0;
let scanDrawdownPoints = 0;

/** Display points as scanEquity writes them: times and values of equity (et, ev) and drawdown (dt, dv). */
interface DisplayPoints {
  et: Float64Array;
  ev: Float64Array;
  dt: Float64Array;
  dv: Float64Array;
}

let displayScratch: DisplayPoints = pointsOf(0);

/**
 * Writes a bucket's two extremes (bar and value) in time order, one point when they are the same
 * bar, at `count`; returns the new count.
 */
function writePair(
  t: Float64Array,
  v: Float64Array,
  count: number,
  time: Float64Array,
  aBar: number,
  a: number,
  bBar: number,
  b: number,
): number {
  let k = count;
  const first = aBar < bBar ? aBar : bBar;
  t[k] = time[first];
  v[k++] = first === aBar ? a : b;
  if (aBar !== bBar) {
    const second = first === aBar ? bBar : aBar;
    t[k] = time[second];
    v[k++] = second === aBar ? a : b;
  }
  return k;
}

/** The first `count` values as a plain array (Array.from on a typed array is many times slower). */
function numbers(values: Float64Array, count: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < count; k++) out.push(values[k]);
  return out;
}

function pointsOf(capacity: number): DisplayPoints {
  const buffer = new Float64Array(4 * capacity);
  const part = (k: number) => buffer.subarray(k * capacity, (k + 1) * capacity);
  return { et: part(0), ev: part(1), dt: part(2), dv: part(3) };
}

/**
 * scanEquity without display points, with one division per drawdown episode instead of one per bar:
 * within an episode the peak is constant and the drawdown falls as equity rises, so its deepest
 * point is 1 − (its lowest equity) / peak, the same number the per-bar maximum gives.
 */
function scanDrawdown(equity: Float64Array, time: Float64Array): void {
  const n = equity.length;
  let peak = -Infinity;
  let maxDd = 0;
  let lastZero = -1;
  let episodes = 0;
  let episodePeakSum = 0;
  let maxDurationMs = -Infinity;
  /** Lowest equity since the last bar at the peak, or Infinity if there was none below it. */
  let low = Infinity;
  for (let i = 0; i < n; i++) {
    const e = equity[i];
    if (e < peak) {
      if (e < low) low = e;
    } else {
      if (low < Infinity) {
        const deepest = 1 - low / peak;
        if (deepest > maxDd) maxDd = deepest;
        episodes++;
        episodePeakSum += deepest;
        const duration = time[i] - time[lastZero];
        if (duration > maxDurationMs) maxDurationMs = duration;
        low = Infinity;
      }
      peak = e;
      lastZero = i;
    }
  }
  scanPeak = peak;
  scanMaxDd = maxDd;
  scanLow = low;
  scanLastZero = lastZero;
  scanEpisodes = episodes;
  scanEpisodePeakSum = episodePeakSum;
  scanMaxDurationMs = maxDurationMs;
}

/** The bar loop of equityPass: drawdown episodes, and the display points into `display`. */
function scanEquity(
  equity: Float64Array,
  time: Float64Array,
  displayPoints: number,
  points: DisplayPoints,
): void {
  const n = equity.length;
  let peak = -Infinity;
  let maxDd = 0;
  let lastZero = -1;
  let episodeMax = 0;
  let episodes = 0;
  let episodePeakSum = 0;
  let maxDurationMs = -Infinity;

  // Display: min/max buckets as in downsampleMinMax, tracked in locals (this loop is the hot one),
  // the points written to typed arrays (pushing to growing arrays cost a third of a GOOG run).
  const { et, ev, dt, dv } = points;
  let ec = 0;
  let dc = 0;
  const keepAll = n <= displayPoints;
  const buckets = !keepAll && displayPoints >= 4 ? Math.floor((displayPoints - 2) / 2) : 0;
  const inner = n - 2;
  let bucket = 0;
  let bucketEnd = buckets > 0 ? 1 + Math.floor(inner / buckets) : -1;
  let eMin = Infinity;
  let eMax = -Infinity;
  let dMin = Infinity;
  let dMax = -Infinity;
  let eMinI = -1;
  let eMaxI = -1;
  let dMinI = -1;
  let dMaxI = -1;

  // Segments: the whole curve without display; otherwise single bars that are kept (the first, the
  // last, or all of a short curve) and the min/max buckets between them.
  let i = 0;
  while (i < n) {
    let end: number;
    let track = false;
    let keep = false;
    if (keepAll || i === 0 || i === n - 1) {
      end = i + 1;
      keep = true;
    } else if (buckets > 0) {
      end = bucketEnd;
      track = true;
    } else end = n - 1;
    for (; i < end; i++) {
      const e = equity[i];
      if (e > peak) peak = e;
      const dd = 1 - e / peak;
      if (dd === 0) {
        if (lastZero >= 0 && i > lastZero + 1) {
          episodes++;
          episodePeakSum += episodeMax;
          const duration = time[i] - time[lastZero];
          if (duration > maxDurationMs) maxDurationMs = duration;
        }
        lastZero = i;
        episodeMax = 0;
      } else {
        if (dd > episodeMax) episodeMax = dd;
        if (dd > maxDd) maxDd = dd;
      }
      if (track) {
        const d = dd === 0 ? 0 : -dd * 100;
        if (e < eMin) {
          eMin = e;
          eMinI = i;
        }
        if (e > eMax) {
          eMax = e;
          eMaxI = i;
        }
        if (d < dMin) {
          dMin = d;
          dMinI = i;
        }
        if (d > dMax) {
          dMax = d;
          dMaxI = i;
        }
      }
    }
    if (keep) {
      const e = equity[i - 1];
      const dd = 1 - e / peak;
      et[ec] = time[i - 1];
      ev[ec++] = e;
      dt[dc] = time[i - 1];
      dv[dc++] = dd === 0 ? 0 : -dd * 100;
    } else if (track) {
      ec = writePair(et, ev, ec, time, eMinI, eMin, eMaxI, eMax);
      dc = writePair(dt, dv, dc, time, dMinI, dMin, dMaxI, dMax);
      eMin = dMin = Infinity;
      eMax = dMax = -Infinity;
      bucket++;
      bucketEnd = 1 + Math.floor(((bucket + 1) * inner) / buckets);
    }
  }
  scanPeak = peak;
  scanMaxDd = maxDd;
  scanLastZero = lastZero;
  scanEpisodeMax = episodeMax;
  scanEpisodes = episodes;
  scanEpisodePeakSum = episodePeakSum;
  scanMaxDurationMs = maxDurationMs;
  scanEquityPoints = ec;
  scanDrawdownPoints = dc;
}

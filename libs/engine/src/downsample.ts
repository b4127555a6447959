import type { DisplaySeries } from './types';

/**
 * Reduces a series to at most `maxPoints` points for display while keeping its extremes: the first
 * and last points, plus the minimum and maximum of each of (maxPoints − 2) / 2 equal index buckets,
 * in time order. Shorter series are returned whole.
 */
export function downsampleMinMax(time: Float64Array, values: Float64Array, maxPoints: number): DisplaySeries {
  const n = values.length;
  const t: number[] = [];
  const v: number[] = [];
  const push = (i: number): void => {
    t.push(time[i]);
    v.push(values[i]);
  };
  if (n <= maxPoints) {
    for (let i = 0; i < n; i++) push(i);
    return { t, v };
  }
  if (maxPoints < 4) {
    push(0);
    if (maxPoints >= 2) push(n - 1);
    return { t, v };
  }
  const buckets = Math.floor((maxPoints - 2) / 2);
  const inner = n - 2;
  push(0);
  for (let b = 0; b < buckets; b++) {
    const from = 1 + Math.floor((b * inner) / buckets);
    const to = 1 + Math.floor(((b + 1) * inner) / buckets);
    if (to <= from) continue;
    let minI = from;
    let maxI = from;
    for (let i = from + 1; i < to; i++) {
      const x = values[i];
      if (x < values[minI]) minI = i;
      if (x > values[maxI]) maxI = i;
    }
    if (minI === maxI) push(minI);
    else if (minI < maxI) {
      push(minI);
      push(maxI);
    } else {
      push(maxI);
      push(minI);
    }
  }
  push(n - 1);
  return { t, v };
}

/**
 * Equity and its drawdown (percent below the running peak, ≤ 0) downsampled with the same min/max
 * buckets as `downsampleMinMax` (at least the first and last points are kept).
 */
export function downsampleEquityAndDrawdown(
  time: Float64Array,
  equity: Float64Array,
  maxPoints: number,
): { equity: DisplaySeries; drawdown: DisplaySeries } {
  const n = equity.length;
  const builder = new DisplayBuilder(time, n, maxPoints);
  let peak = -Infinity;
  for (let i = 0; i < n; i++) {
    const e = equity[i];
    if (e > peak) peak = e;
    const dd = 1 - e / peak;
    builder.add(i, e, dd === 0 ? 0 : -dd * 100);
  }
  return { equity: builder.equity, drawdown: builder.drawdown };
}

/**
 * Min/max-bucket downsampling fed bar by bar: the first and last bars, and for each of
 * (maxPoints − 2) / 2 equal index buckets the bars with the lowest and highest values, in time order.
 */
export class DisplayBuilder {
  readonly equity: DisplaySeries = { t: [], v: [] };
  readonly drawdown: DisplaySeries = { t: [], v: [] };
  private readonly all: boolean;
  private readonly buckets: number;
  private readonly inner: number;
  private bucket = 0;
  private bucketEnd = 0;
  private eMin = 0;
  private eMinI = -1;
  private eMax = 0;
  private eMaxI = -1;
  private dMin = 0;
  private dMinI = -1;
  private dMax = 0;
  private dMaxI = -1;

  constructor(
    private readonly time: Float64Array,
    private readonly n: number,
    maxPoints: number,
  ) {
    this.all = n <= maxPoints;
    this.buckets = maxPoints >= 4 ? Math.floor((maxPoints - 2) / 2) : 0;
    this.inner = n - 2;
    this.bucketEnd = this.buckets > 0 ? 1 + Math.floor(this.inner / this.buckets) : n;
  }

  /** Bar i with equity e and drawdown d (percent, ≤ 0). Bars must come in order. */
  add(i: number, e: number, d: number): void {
    const n = this.n;
    if (this.all || i === 0 || i === n - 1) {
      this.push(i, e, d);
      return;
    }
    if (this.buckets === 0) return;
    if (this.eMinI < 0) {
      this.eMin = this.eMax = e;
      this.eMinI = this.eMaxI = i;
      this.dMin = this.dMax = d;
      this.dMinI = this.dMaxI = i;
    } else {
      if (e < this.eMin) {
        this.eMin = e;
        this.eMinI = i;
      } else if (e > this.eMax) {
        this.eMax = e;
        this.eMaxI = i;
      }
      if (d < this.dMin) {
        this.dMin = d;
        this.dMinI = i;
      } else if (d > this.dMax) {
        this.dMax = d;
        this.dMaxI = i;
      }
    }
    if (i + 1 === this.bucketEnd) {
      emitPair(this.equity, this.time, this.eMinI, this.eMin, this.eMaxI, this.eMax);
      emitPair(this.drawdown, this.time, this.dMinI, this.dMin, this.dMaxI, this.dMax);
      this.eMinI = -1;
      this.bucket++;
      this.bucketEnd = 1 + Math.floor(((this.bucket + 1) * this.inner) / this.buckets);
    }
  }

  private push(i: number, e: number, d: number): void {
    const t = this.time[i];
    this.equity.t.push(t);
    this.equity.v.push(e);
    this.drawdown.t.push(t);
    this.drawdown.v.push(d);
  }
}

function emitPair(s: DisplaySeries, time: Float64Array, a: number, av: number, b: number, bv: number): void {
  if (a === b) {
    s.t.push(time[a]);
    s.v.push(av);
  } else if (a < b) {
    s.t.push(time[a], time[b]);
    s.v.push(av, bv);
  } else {
    s.t.push(time[b], time[a]);
    s.v.push(bv, av);
  }
}

import type { BarValues } from './row-validation';

/** Growable column store for accepted rows, in file order. */
export class RowBuffer {
  length = 0;
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  line: Int32Array;
  repaired: Uint8Array;

  constructor(capacity: number) {
    this.time = new Float64Array(capacity);
    this.open = new Float64Array(capacity);
    this.high = new Float64Array(capacity);
    this.low = new Float64Array(capacity);
    this.close = new Float64Array(capacity);
    this.volume = new Float64Array(capacity);
    this.line = new Int32Array(capacity);
    this.repaired = new Uint8Array(capacity);
  }

  push(time: number, values: BarValues, line: number): void {
    if (this.length === this.time.length) this.grow();
    const i = this.length++;
    this.time[i] = time;
    this.open[i] = values.open;
    this.high[i] = values.high;
    this.low[i] = values.low;
    this.close[i] = values.close;
    this.volume[i] = values.volume;
    this.line[i] = line;
    this.repaired[i] = values.repaired ? 1 : 0;
  }

  private grow(): void {
    const capacity = Math.max(16, this.time.length * 2);
    const extend = <T extends Float64Array | Int32Array | Uint8Array>(old: T, fresh: T): T => {
      fresh.set(old);
      return fresh;
    };
    this.time = extend(this.time, new Float64Array(capacity));
    this.open = extend(this.open, new Float64Array(capacity));
    this.high = extend(this.high, new Float64Array(capacity));
    this.low = extend(this.low, new Float64Array(capacity));
    this.close = extend(this.close, new Float64Array(capacity));
    this.volume = extend(this.volume, new Float64Array(capacity));
    this.line = extend(this.line, new Int32Array(capacity));
    this.repaired = extend(this.repaired, new Uint8Array(capacity));
  }
}

/**
 * Memory reuse for per-bar arrays on long series (a 1M-bar run allocates tens of MB of indicator
 * and equity arrays; without reuse, repeated runs pile up garbage faster than V8 collects it).
 *
 * - `scratch(slot, n)`: one buffer per slot for arrays that never leave a call (the engine is
 *   synchronous, so a slot is never used by two computations at once).
 * - `allocF64` / `releaseF64`: a small pool for indicator arrays, returned by `IndicatorCache.release()`
 *   at the end of a run. Callers must overwrite every element of what they get.
 */
const slots: Float64Array[] = [];

export const SCRATCH_EQUITY = 0;
export const SCRATCH_PERIOD_RETURNS = 1;

export function scratch(slot: number, length: number): Float64Array {
  let buffer = slots[slot];
  if (buffer === undefined || buffer.length < length) {
    buffer = new Float64Array(Math.max(length, 1024));
    slots[slot] = buffer;
  }
  return buffer;
}

/** Pooled bytes are capped so that a long-lived process does not hold on to much. */
const MAX_POOLED_BYTES = 64 * 1024 * 1024;
const pool: Float64Array[] = [];
let pooledBytes = 0;

/** A Float64Array of exactly `length` elements with arbitrary contents. */
export function allocF64(length: number): Float64Array {
  for (let k = pool.length - 1; k >= 0; k--) {
    const a = pool[k];
    if (a.length === length) {
      pool[k] = pool[pool.length - 1];
      pool.pop();
      pooledBytes -= a.byteLength;
      return a;
    }
  }
  return new Float64Array(length);
}

export function releaseF64(a: Float64Array): void {
  if (a.length < 4096 || pooledBytes + a.byteLength > MAX_POOLED_BYTES || pool.includes(a)) return;
  pool.push(a);
  pooledBytes += a.byteLength;
}

const byteBuffers: ArrayBuffer[] = [];
const MAX_POOLED_BUFFERS = 4;

/** An ArrayBuffer of exactly `byteLength` bytes with arbitrary contents (a pooled one if any). */
export function takeBytes(byteLength: number): ArrayBuffer {
  const k = byteBuffers.findIndex((b) => b.byteLength === byteLength);
  if (k < 0) return new ArrayBuffer(byteLength);
  const [buffer] = byteBuffers.splice(k, 1);
  return buffer;
}

/** Hands a buffer from `takeBytes` back; the caller must not use it (or views of it) any more. */
export function releaseBytes(buffer: ArrayBuffer): void {
  if (buffer.byteLength < 4096 || byteBuffers.includes(buffer)) return;
  byteBuffers.push(buffer);
  if (byteBuffers.length > MAX_POOLED_BUFFERS) byteBuffers.shift();
}

/**
 * A cheap O(1) fingerprint of an array (length, ends and 62 evenly spaced samples). Caches keyed by
 * a series array check it, so that reusing a buffer for other data does not serve stale results;
 * series are otherwise treated as immutable.
 */
export function fingerprint(a: Float64Array): number {
  const n = a.length;
  if (n === 0) return 0;
  let h = n;
  const step = n > 64 ? Math.floor(n / 64) : 1;
  for (let i = 0; i < n; i += step) h = h * 31 + a[i];
  return h * 31 + a[n - 1];
}

/** WeakMap cache whose entries are dropped when the key array's fingerprint changes. */
export class ArrayCache<T> {
  private readonly map = new WeakMap<Float64Array, { print: number; value: T }>();

  get(key: Float64Array, make: () => T): T {
    const print = fingerprint(key);
    const hit = this.map.get(key);
    if (hit !== undefined && (hit.print === print || (hit.print !== hit.print && print !== print)))
      return hit.value;
    const value = make();
    this.map.set(key, { print, value });
    return value;
  }
}

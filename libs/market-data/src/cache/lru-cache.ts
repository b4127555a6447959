export interface LruCacheOptions {
  /** Budget for the sum of entry sizes; least recently used entries are evicted beyond it. */
  maxBytes: number;
}

export interface LruCacheStats {
  entries: number;
  bytes: number;
  maxBytes: number;
  hits: number;
  misses: number;
  evictions: number;
}

/**
 * A least-recently-used cache bounded by the byte size its caller declares for each entry. A Map keeps
 * insertion order, so re-inserting on access makes the first key the least recently used.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, { value: V; bytes: number }>();
  private totalBytes = 0;
  private hits = 0;
  private misses = 0;
  private evictions = 0;

  constructor(private readonly options: LruCacheOptions) {
    if (!(options.maxBytes >= 0)) throw new RangeError('maxBytes must be a non-negative number');
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  /** Stores `value` as the most recent entry; returns false (and stores nothing) when it alone exceeds the budget. */
  set(key: K, value: V, bytes: number): boolean {
    if (!(bytes >= 0)) throw new RangeError('bytes must be a non-negative number');
    this.delete(key);
    if (bytes > this.options.maxBytes) return false;
    this.entries.set(key, { value, bytes });
    this.totalBytes += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.totalBytes <= this.options.maxBytes) break;
      this.entries.delete(oldest);
      this.totalBytes -= entry.bytes;
      this.evictions++;
    }
    return true;
  }

  delete(key: K): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    this.entries.delete(key);
    this.totalBytes -= entry.bytes;
    return true;
  }

  /** Removes every entry whose key matches; returns how many were removed. */
  deleteWhere(predicate: (key: K) => boolean): number {
    let removed = 0;
    for (const key of [...this.entries.keys()]) if (predicate(key) && this.delete(key)) removed++;
    return removed;
  }

  clear(): void {
    this.entries.clear();
    this.totalBytes = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  stats(): LruCacheStats {
    return {
      entries: this.entries.size,
      bytes: this.totalBytes,
      maxBytes: this.options.maxBytes,
      hits: this.hits,
      misses: this.misses,
      evictions: this.evictions,
    };
  }
}

import { LruCache } from './lru-cache';

describe('LruCache', () => {
  it('returns what was stored and counts hits and misses', () => {
    const cache = new LruCache<string, number>({ maxBytes: 100 });
    cache.set('a', 1, 10);
    expect(cache.get('a')).toBe(1);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.stats()).toMatchObject({ entries: 1, bytes: 10, hits: 1, misses: 1 });
  });

  it('evicts the least recently used entries once the byte budget is exceeded', () => {
    const cache = new LruCache<string, string>({ maxBytes: 30 });
    cache.set('a', 'A', 10);
    cache.set('b', 'B', 10);
    cache.set('c', 'C', 10);
    cache.get('a'); // a is now the most recent; b is the oldest
    cache.set('d', 'D', 10);
    expect(cache.has('b')).toBe(false);
    expect([cache.has('a'), cache.has('c'), cache.has('d')]).toEqual([true, true, true]);
    expect(cache.bytes).toBe(30);
    expect(cache.stats().evictions).toBe(1);
  });

  it('evicts as many entries as needed to fit one large entry', () => {
    const cache = new LruCache<string, string>({ maxBytes: 30 });
    cache.set('a', 'A', 10);
    cache.set('b', 'B', 10);
    cache.set('big', 'X', 25);
    expect(cache.size).toBe(1);
    expect(cache.bytes).toBe(25);
  });

  it('refuses an entry larger than the whole budget and keeps the others', () => {
    const cache = new LruCache<string, string>({ maxBytes: 30 });
    cache.set('a', 'A', 10);
    expect(cache.set('huge', 'H', 31)).toBe(false);
    expect(cache.has('huge')).toBe(false);
    expect(cache.get('a')).toBe('A');
  });

  it('replacing a key adjusts the byte total instead of double counting', () => {
    const cache = new LruCache<string, string>({ maxBytes: 100 });
    cache.set('a', 'A', 40);
    cache.set('a', 'A2', 15);
    expect(cache.bytes).toBe(15);
    expect(cache.get('a')).toBe('A2');
  });

  it('deletes by predicate and clears', () => {
    const cache = new LruCache<string, number>({ maxBytes: 100 });
    cache.set('s1|1d|1', 1, 5);
    cache.set('s1|1h|1', 2, 5);
    cache.set('s2|1d|1', 3, 5);
    expect(cache.deleteWhere((key) => key.startsWith('s1|'))).toBe(2);
    expect(cache.size).toBe(1);
    expect(cache.bytes).toBe(5);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
  });

  it('rejects negative sizes', () => {
    expect(() => new LruCache({ maxBytes: -1 })).toThrow(RangeError);
    expect(() => new LruCache({ maxBytes: 1 }).set('a', 1, -5)).toThrow(RangeError);
  });
});

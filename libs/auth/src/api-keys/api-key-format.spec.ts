import { API_KEY_PREFIX, generateApiKey, hashApiKey, isWellFormedApiKey } from './api-key-format';

describe('API key format', () => {
  it('starts with the recognisable sb_live_ prefix and is well formed', () => {
    const { key, prefix } = generateApiKey();
    expect(key.startsWith(API_KEY_PREFIX)).toBe(true);
    expect(isWellFormedApiKey(key)).toBe(true);
    expect(key.startsWith(prefix)).toBe(true);
    expect(prefix.length).toBeLessThan(key.length - 30);
  });

  it('stores a sha256 of the key, never the key', () => {
    const { key, hash } = generateApiKey();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(hashApiKey(key));
    expect(hash).not.toContain(key.slice(API_KEY_PREFIX.length, API_KEY_PREFIX.length + 10));
  });

  it('gives a different key every time', () => {
    const keys = new Set(Array.from({ length: 100 }, () => generateApiKey().key));
    expect(keys.size).toBe(100);
  });

  it.each(['', 'sb_live_short', 'sb_test_' + 'a'.repeat(43), 'sb_live_' + 'a'.repeat(42) + '!'])('rejects a malformed key %p', (key) => {
    expect(isWellFormedApiKey(key)).toBe(false);
  });
});

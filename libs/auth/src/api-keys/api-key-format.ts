import { randomSecret, sha256Hex } from '../tokens/token-crypto';

export const API_KEY_PREFIX = 'sb_live_';
/** 32 random bytes in base64url. */
const API_KEY_PATTERN = /^sb_live_[A-Za-z0-9_-]{43}$/;
/** How much of the key listings show. */
export const API_KEY_DISPLAY_LENGTH = API_KEY_PREFIX.length + 6;

export interface GeneratedApiKey {
  /** Shown to the owner once, never stored. */
  key: string;
  prefix: string;
  /** sha256 is enough for 256 bits of entropy: no dictionary to attack. */
  hash: string;
}

export function generateApiKey(): GeneratedApiKey {
  const key = `${API_KEY_PREFIX}${randomSecret(32)}`;
  return { key, prefix: key.slice(0, API_KEY_DISPLAY_LENGTH), hash: sha256Hex(key) };
}

/** Cheap shape check before touching the database. */
export const isWellFormedApiKey = (key: string): boolean => API_KEY_PATTERN.test(key);

export const hashApiKey = (key: string): string => sha256Hex(key);

import { createHash, randomBytes } from 'node:crypto';

export const sha256Hex = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');

/** URL-safe random text carrying `bytes` bytes of entropy. */
export const randomSecret = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export const REFRESH_TOKEN_PREFIX = 'rt_';

export const newRefreshToken = (): string => `${REFRESH_TOKEN_PREFIX}${randomSecret(32)}`;

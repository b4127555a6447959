import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;

/**
 * A single-Redis mutual exclusion: SET NX PX with a random token; release and extension only
 * touch the key while it still holds our token, so an expired lock taken by someone else is safe.
 * While held it is extended every third of its TTL, so a slow holder does not lose it.
 */
export class RedisLock {
  private heartbeat?: NodeJS.Timeout;

  private constructor(
    private readonly redis: Redis,
    readonly key: string,
    readonly token: string,
    private readonly ttlMs: number,
  ) {}

  static async acquire(redis: Redis, key: string, ttlMs: number): Promise<RedisLock | null> {
    const token = randomBytes(16).toString('hex');
    const ok = await redis.set(key, token, 'PX', ttlMs, 'NX');
    if (ok !== 'OK') return null;
    const lock = new RedisLock(redis, key, token, ttlMs);
    lock.heartbeat = setInterval(() => void lock.extend().catch(() => undefined), Math.max(100, Math.floor(ttlMs / 3)));
    lock.heartbeat.unref();
    return lock;
  }

  async extend(): Promise<boolean> {
    return (await this.redis.eval(EXTEND, 1, this.key, this.token, this.ttlMs)) === 1;
  }

  async release(): Promise<boolean> {
    clearInterval(this.heartbeat);
    return (await this.redis.eval(RELEASE, 1, this.key, this.token)) === 1;
  }
}

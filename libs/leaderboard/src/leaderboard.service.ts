import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, REDIS, type AppConfig } from '@app/common';
import { strongEtag } from './etag';
import type { LeaderboardPageDto } from './leaderboard.dto';
import { leaderboardKeys } from './leaderboard-keys';
import { LeaderboardPagesRepository } from './leaderboard-pages.repository';
import { LocalPages, onLeaderboardVersion } from './local-pages';
import {
  leaderboardCacheKey,
  canonicalQueryString,
  leaderboardCacheKeyParts,
  normaliseLeaderboardQuery,
  type LeaderboardQuery,
} from './leaderboard-query';

/** A serialised page and its strong ETag, as cached and as sent. */
export interface RenderedPage {
  etag: string;
  body: string;
  /** The body as UTF-8, encoded once per process: hot pages are sent many times. */
  bytes: Buffer;
}

function rendered(etag: string, body: string): RenderedPage {
  return { etag, body, bytes: Buffer.from(body, 'utf8') };
}

/**
 * One round trip: GET the version, then GET the page under it. A hit needs no Postgres; a refresh (new
 * version) misses at once. The page key is built in the script, so this assumes one Redis (no cluster).
 */
const READ_COMMAND = 'leaderboardReadCached';
const READ_CACHED = `
local version = redis.call('GET', KEYS[1]) or '0'
return {version, redis.call('GET', ARGV[1] .. version .. ARGV[2])}`;

/**
 * Pages of the leaderboard, cached in this process (LocalPages) and in Redis per (version, query); a miss
 * is built by LeaderboardPagesRepository. See libs/leaderboard/README.md for the whole read path.
 */
@Injectable()
export class LeaderboardService implements OnModuleDestroy {
  /** Pages built from Postgres (cache misses), for tests and metrics. */
  misses = 0;
  private readonly keys: ReturnType<typeof leaderboardKeys>;
  /** Hot pages of this process (see LocalPages): most repeated requests need no Redis round trip. */
  private readonly local = new LocalPages<RenderedPage>();
  private readonly stopListening: () => void;
  private readonly pages: LeaderboardPagesRepository;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.keys = leaderboardKeys(config.REDIS_PREFIX);
    this.pages = new LeaderboardPagesRepository(dataSource, config.LEADERBOARD_SNAPSHOT_MAX_ROWS);
    // defineCommand runs it by EVALSHA (the script body is sent once per connection, not per request).
    if (!(READ_COMMAND in redis)) redis.defineCommand(READ_COMMAND, { numberOfKeys: 1, lua: READ_CACHED });
    this.stopListening = onLeaderboardVersion(config.REDIS_PREFIX, (version) =>
      this.local.observeVersion(version),
    );
  }

  onModuleDestroy(): void {
    this.stopListening();
  }

  /** The key of a query in this process's memo of hot pages (equivalent spellings share it). */
  localKey(input: Partial<LeaderboardQuery>): string {
    return canonicalQueryString(normaliseLeaderboardQuery(input));
  }

  /** The memoised page for a key, fresh or just past it (see LocalPages.peek); no I/O. */
  hotPage(localKey: string): { page: RenderedPage; stale: boolean } | undefined {
    return this.local.peek(localKey);
  }

  async getPage(input: Partial<LeaderboardQuery>): Promise<RenderedPage> {
    const query = normaliseLeaderboardQuery(input);
    const localKey = canonicalQueryString(query);
    const hot = this.local.get(localKey);
    if (hot) return hot;
    const read = (
      this.redis as unknown as Record<string, (...args: string[]) => Promise<[string, string | null]>>
    )[READ_COMMAND];
    const [versionText, cached] = await read.call(
      this.redis,
      this.keys.version,
      ...leaderboardCacheKeyParts(this.config.REDIS_PREFIX, query),
    );
    if (cached) {
      const split = cached.indexOf('\n');
      const page = rendered(cached.slice(0, split), cached.slice(split + 1));
      this.local.set(localKey, Number(versionText), page);
      return page;
    }
    this.misses++;
    const body = JSON.stringify(await this.queryPage(query, Number(versionText)));
    const page = rendered(strongEtag(body), body);
    const key = leaderboardCacheKey(this.config.REDIS_PREFIX, Number(versionText), query);
    // As bytes: the body is encoded once (for the response) rather than again for Redis.
    const value = Buffer.concat([Buffer.from(`${page.etag}\n`, 'latin1'), page.bytes]);
    await this.redis.set(key, value, 'EX', this.config.LEADERBOARD_CACHE_TTL_SECONDS);
    this.local.set(localKey, Number(versionText), page);
    return page;
  }

  /** The page under `version` from the aggregate (see LeaderboardPagesRepository); SQL when no version. */
  queryPage(query: LeaderboardQuery, version?: number): Promise<LeaderboardPageDto> {
    return this.pages.page(query, version);
  }
}

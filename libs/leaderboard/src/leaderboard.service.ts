import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, REDIS, type AppConfig } from '@app/common';
import { strongEtag } from './etag';
import type { LeaderboardEntryDto, LeaderboardPageDto } from './leaderboard.dto';
import { leaderboardKeys } from './leaderboard-keys';
import { LEADERBOARD_VIEW } from './leaderboard-refresher.service';
import { LeaderboardSnapshot, type AggregateRow } from './leaderboard-snapshot';
import { LiveStrategyFields } from './live-strategy-fields';
import { LocalPages, onLeaderboardVersion } from './local-pages';
import {
  leaderboardCacheKey,
  canonicalQueryString,
  leaderboardCacheKeyParts,
  normaliseLeaderboardQuery,
  orderBySql,
  rankingOrder,
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

/** A page row: the aggregate's columns, the live name, author and copy count, and the rank (bigint text). */
type PageRow = AggregateRow & { strategy_name: string; author: string; copy_count: number; rank: string };

/** Bounds the per-version memo of totals (one entry per distinct filter). */
const MAX_REMEMBERED = 1000;

/**
 * One round trip: GET the version, then GET the page under it. A hit needs no Postgres; a refresh (new
 * version) misses at once. The page key is built in the script, so this assumes one Redis (no cluster).
 */
const READ_COMMAND = 'leaderboardReadCached';
const READ_CACHED = `
local version = redis.call('GET', KEYS[1]) or '0'
return {version, redis.call('GET', ARGV[1] .. version .. ARGV[2])}`;

/**
 * Pages of the leaderboard, from the materialized aggregate, cached in Redis per (version, query).
 * Names, authors and copy counts are read live from the page's strategies, and a strategy made
 * private since the last refresh is left out at once.
 */
@Injectable()
export class LeaderboardService implements OnModuleDestroy {
  /** Pages built from Postgres (cache misses), for tests and metrics. */
  misses = 0;
  private readonly keys: ReturnType<typeof leaderboardKeys>;
  /** Hot pages of this process (see LocalPages): most repeated requests need no Redis round trip. */
  private readonly local = new LocalPages<RenderedPage>();
  private readonly stopListening: () => void;
  private totals: { version: number; byFilter: Map<string, number> } = { version: -1, byFilter: new Map() };
  /** The aggregate of the newest version seen, in memory (null: larger than LEADERBOARD_SNAPSHOT_MAX_ROWS). */
  private snapshot: { version: number; loading: Promise<LeaderboardSnapshot | null> } | undefined;
  private readonly live: LiveStrategyFields;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.keys = leaderboardKeys(config.REDIS_PREFIX);
    this.live = new LiveStrategyFields(dataSource);
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

  async queryPage(query: LeaderboardQuery, version?: number): Promise<LeaderboardPageDto> {
    const snapshot = version === undefined ? null : await this.snapshotOf(version);
    if (snapshot) return this.pageFromSnapshot(snapshot, query);
    const params: unknown[] = [query.minBacktests];
    const where = ['a.backtest_count >= $1'];
    if (query.template) {
      params.push(query.template);
      where.push(`a.template = $${params.length}`);
    }
    if (query.symbol) {
      params.push(query.symbol);
      where.push(`a.symbols @> ARRAY[$${params.length}::varchar]`);
    }
    const filter = where.join(' AND ');
    const filterParams = [...params];
    const order = orderBySql(rankingOrder(query.sortBy, query.order));
    params.push(query.limit, query.offset);
    // The page is cut first (an index scan in ranking order, see the LeaderboardSortIndexes migration);
    // only its rows are joined for the live name, author and copy count.
    const [rows, total] = await Promise.all([
      this.dataSource.query(
        `WITH page AS (
           SELECT a.strategy_id, a.template, a.avg_sharpe, a.median_sharpe, a.avg_cagr, a.avg_return, a.avg_max_drawdown,
                  a.backtest_count, a.symbols, a.consistency, a.last_run_at, row_number() OVER (ORDER BY ${order}) AS rank
             FROM ${LEADERBOARD_VIEW} a
            WHERE ${filter}
            ORDER BY ${order}
            LIMIT $${params.length - 1} OFFSET $${params.length}
         )
         SELECT p.strategy_id, s.name AS strategy_name, u.display_name AS author, p.template, p.avg_sharpe, p.median_sharpe,
                p.avg_cagr, p.avg_return, p.avg_max_drawdown, p.backtest_count, p.symbols, p.consistency, s.copy_count,
                p.last_run_at, p.rank
           FROM page p
           JOIN strategies s ON s.id = p.strategy_id AND s.visibility = 'public'
           JOIN users u ON u.id = s.owner_id
          ORDER BY p.rank`,
        params,
      ) as Promise<PageRow[]>,
      this.count(filter, filterParams, version),
    ]);
    return {
      strategies: rows.map(toEntry),
      pagination: {
        total,
        limit: query.limit,
        offset: query.offset,
        hasMore: query.offset + query.limit < total,
      },
    };
  }

  /**
   * The aggregate under `version`, loaded once per version and process (the view only changes on a
   * refresh, which bumps the version). A load that fails is forgotten, so the next request retries.
   */
  private snapshotOf(version: number): Promise<LeaderboardSnapshot | null> {
    const max = this.config.LEADERBOARD_SNAPSHOT_MAX_ROWS;
    if (max === 0) return Promise.resolve(null);
    if (this.snapshot && this.snapshot.version >= version)
      return this.snapshot.version === version ? this.snapshot.loading : Promise.resolve(null);
    const loading = (
      this.dataSource.query(
        `SELECT strategy_id, template, avg_sharpe, median_sharpe, avg_cagr, avg_return, avg_max_drawdown, backtest_count,
                symbols, consistency, last_run_at
           FROM ${LEADERBOARD_VIEW} LIMIT $1`,
        [max + 1],
      ) as Promise<AggregateRow[]>
    ).then((rows) => (rows.length > max ? null : new LeaderboardSnapshot(rows)));
    const entry = { version, loading };
    this.snapshot = entry;
    this.live.clear();
    loading.catch(() => {
      if (this.snapshot === entry) this.snapshot = undefined;
    });
    return loading;
  }

  /** A page cut from the snapshot; its strategies' name, author and copy count are live (and private ones dropped). */
  private async pageFromSnapshot(
    snapshot: LeaderboardSnapshot,
    query: LeaderboardQuery,
  ): Promise<LeaderboardPageDto> {
    const { rows, total } = snapshot.page(query);
    const live = await this.live.get(rows.map((r) => r.strategy_id));
    const strategies: LeaderboardEntryDto[] = [];
    for (const row of rows) {
      const fields = live.get(row.strategy_id);
      if (fields)
        strategies.push(
          toEntry({
            ...row,
            rank: String(row.rank),
            strategy_name: fields.name,
            author: fields.author,
            copy_count: fields.copyCount,
          }),
        );
    }
    return {
      strategies,
      pagination: {
        total,
        limit: query.limit,
        offset: query.offset,
        hasMore: query.offset + query.limit < total,
      },
    };
  }

  /** Rows matching the filter; the view only changes on a refresh, so it is remembered per version. */
  private async count(filter: string, params: unknown[], version: number | undefined): Promise<number> {
    const key = `${filter}|${JSON.stringify(params)}`;
    if (version !== undefined && this.totals.version === version) {
      const known = this.totals.byFilter.get(key);
      if (known !== undefined) return known;
    }
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::integer AS total FROM ${LEADERBOARD_VIEW} a WHERE ${filter}`,
      params,
    );
    if (version !== undefined) {
      if (this.totals.version !== version) this.totals = { version, byFilter: new Map() };
      if (this.totals.byFilter.size < MAX_REMEMBERED) this.totals.byFilter.set(key, total);
    }
    return total;
  }
}

function toEntry(r: PageRow): LeaderboardEntryDto {
  return {
    rank: Number(r.rank),
    strategyId: r.strategy_id,
    strategyName: r.strategy_name,
    author: r.author,
    template: r.template,
    avgSharpe: r.avg_sharpe,
    medianSharpe: r.median_sharpe,
    avgCagr: r.avg_cagr,
    avgReturn: r.avg_return,
    avgMaxDrawdown: r.avg_max_drawdown,
    backtestCount: r.backtest_count,
    symbols: r.symbols,
    consistency: r.consistency,
    copyCount: r.copy_count,
    lastRunAt: r.last_run_at ? r.last_run_at.toISOString() : null,
  };
}

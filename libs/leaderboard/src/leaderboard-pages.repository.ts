import type { DataSource } from 'typeorm';
import type { LeaderboardEntryDto, LeaderboardPageDto } from './leaderboard.dto';
import { orderBySql, rankingOrder, type LeaderboardQuery } from './leaderboard-query';
import { LEADERBOARD_VIEW } from './leaderboard-refresher.service';
import { LeaderboardSnapshot, type AggregateRow } from './leaderboard-snapshot';
import { LiveStrategyFields } from './live-strategy-fields';

/** A page row: the aggregate's columns, the live name, author and copy count, and the rank (bigint text). */
type PageRow = AggregateRow & { strategy_name: string; author: string; copy_count: number; rank: string };

/** Bounds the per-version memo of totals (one entry per distinct filter). */
const MAX_REMEMBERED = 1000;

/**
 * Leaderboard pages from Postgres: from an in-memory copy of the aggregate per version (up to
 * `snapshotMaxRows` rows), or by SQL. Names, authors and copy counts are read live for the page's
 * strategies, and a strategy made private since the last refresh is left out at once.
 */
export class LeaderboardPagesRepository {
  private totals: { version: number; byFilter: Map<string, number> } = { version: -1, byFilter: new Map() };
  /** The aggregate of the newest version seen, in memory (null: larger than snapshotMaxRows). */
  private snapshot: { version: number; loading: Promise<LeaderboardSnapshot | null> } | undefined;
  private readonly live: LiveStrategyFields;

  constructor(
    private readonly dataSource: DataSource,
    private readonly snapshotMaxRows: number,
  ) {
    this.live = new LiveStrategyFields(dataSource);
  }

  /** Cut from the in-memory aggregate of `version` when it fits in memory, else by SQL (always by SQL without a version). */
  async page(query: LeaderboardQuery, version?: number): Promise<LeaderboardPageDto> {
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
    return pageOf(rows.map(toEntry), query, total);
  }

  /**
   * The aggregate under `version`, loaded once per version and process (the view only changes on a
   * refresh, which bumps the version). A load that fails is forgotten, so the next request retries.
   */
  private snapshotOf(version: number): Promise<LeaderboardSnapshot | null> {
    const max = this.snapshotMaxRows;
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
    return pageOf(strategies, query, total);
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

function pageOf(
  strategies: LeaderboardEntryDto[],
  query: LeaderboardQuery,
  total: number,
): LeaderboardPageDto {
  const { limit, offset } = query;
  return { strategies, pagination: { total, limit, offset, hasMore: offset + limit < total } };
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

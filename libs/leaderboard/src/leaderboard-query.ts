/** The leaderboard's query: what may be asked, its normal form (the cache key) and its ordering. */

export const LEADERBOARD_SORTS = ['sharpe', 'cagr', 'return', 'backtest_count', 'consistency'] as const;
export type LeaderboardSort = (typeof LEADERBOARD_SORTS)[number];
export const SORT_ORDERS = ['desc', 'asc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export const LEADERBOARD_DEFAULTS = { sortBy: 'sharpe', order: 'desc', limit: 50, offset: 0, minBacktests: 3 } as const;

export interface LeaderboardQuery {
  sortBy: LeaderboardSort;
  order: SortOrder;
  limit: number;
  offset: number;
  minBacktests: number;
  template?: string;
  symbol?: string;
}

/** Column of `strategy_performance_agg` behind each sort key. */
export const SORT_COLUMNS: Record<LeaderboardSort, string> = {
  sharpe: 'avg_sharpe',
  cagr: 'avg_cagr',
  return: 'avg_return',
  backtest_count: 'backtest_count',
  consistency: 'consistency',
};

/** Defaults applied, blank filters dropped, template lower-cased: equal queries get one cache entry. */
export function normaliseLeaderboardQuery(input: Partial<LeaderboardQuery>): LeaderboardQuery {
  const template = input.template?.trim().toLowerCase();
  const symbol = input.symbol?.trim();
  return {
    sortBy: input.sortBy ?? LEADERBOARD_DEFAULTS.sortBy,
    order: input.order ?? LEADERBOARD_DEFAULTS.order,
    limit: input.limit ?? LEADERBOARD_DEFAULTS.limit,
    offset: input.offset ?? LEADERBOARD_DEFAULTS.offset,
    minBacktests: input.minBacktests ?? LEADERBOARD_DEFAULTS.minBacktests,
    ...(template ? { template } : {}),
    ...(symbol ? { symbol } : {}),
  };
}

/** A canonical, order-independent string of a normalised query (every field, fixed order, encoded values). */
export function canonicalQueryString(q: LeaderboardQuery): string {
  const pairs: Array<[string, string | number]> = [
    ['sortBy', q.sortBy],
    ['order', q.order],
    ['limit', q.limit],
    ['offset', q.offset],
    ['minBacktests', q.minBacktests],
    ['template', q.template ?? ''],
    ['symbol', q.symbol ?? ''],
  ];
  return pairs.map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&');
}

/** Redis key of a cached page: the aggregate's version is part of it, so a refresh orphans old entries at once. */
export function leaderboardCacheKey(prefix: string, version: number, q: LeaderboardQuery): string {
  const [head, tail] = leaderboardCacheKeyParts(prefix, q);
  return `${head}${version}${tail}`;
}

/** The key around its version, for a lookup that reads the version in Redis itself. */
export function leaderboardCacheKeyParts(prefix: string, q: LeaderboardQuery): [string, string] {
  return [`${prefix}:leaderboard:page:v`, `:${canonicalQueryString(q)}`];
}

export interface OrderTerm {
  column: string;
  direction: 'ASC' | 'DESC';
}

/**
 * The full ordering of a sort: the metric (empty metrics last whichever the direction), then more
 * backtests first, then the strategy id, so that equal metrics always rank the same way.
 */
export function rankingOrder(sortBy: LeaderboardSort, order: SortOrder): OrderTerm[] {
  const metric: OrderTerm = { column: SORT_COLUMNS[sortBy], direction: order === 'asc' ? 'ASC' : 'DESC' };
  const terms = [metric];
  if (sortBy !== 'backtest_count') terms.push({ column: 'backtest_count', direction: 'DESC' });
  terms.push({ column: 'strategy_id', direction: 'ASC' });
  return terms;
}

export function orderBySql(terms: OrderTerm[], alias = 'a'): string {
  return terms.map((t) => `${alias}.${t.column} ${t.direction} NULLS LAST`).join(', ');
}

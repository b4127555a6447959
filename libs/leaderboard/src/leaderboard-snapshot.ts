import {
  rankingOrder,
  type LeaderboardQuery,
  type LeaderboardSort,
  type SortOrder,
} from './leaderboard-query';

/** One row of the aggregate, as the snapshot keeps it (the live name, author and copy count are read per page). */
export interface AggregateRow {
  strategy_id: string;
  template: string;
  avg_sharpe: number | null;
  median_sharpe: number | null;
  avg_cagr: number | null;
  avg_return: number | null;
  avg_max_drawdown: number | null;
  backtest_count: number;
  symbols: string[];
  consistency: number;
  last_run_at: Date | null;
}

export type RankedRow = AggregateRow & { rank: number };

/** The columns `rankingOrder` sorts by (SORT_COLUMNS, the backtest count and the id). */
const MAX_FILTERS = 1000;

type Column = 'avg_sharpe' | 'avg_cagr' | 'avg_return' | 'backtest_count' | 'consistency' | 'strategy_id';

/**
 * The whole aggregate of one view version, in memory: any sort, filter and page without a query.
 * The ordering is the SQL one of `rankingOrder`: the metric (empty values last in both directions),
 * then more backtests first, then the strategy id (uuids order as their lower-case text does).
 */
export class LeaderboardSnapshot {
  private readonly orders = new Map<string, AggregateRow[]>();
  /** Rows matching a filter (minBacktests, template, symbol), counted once per filter. */
  private readonly totals = new Map<string, number>();

  constructor(private readonly rows: readonly AggregateRow[]) {}

  get size(): number {
    return this.rows.length;
  }

  /** The page's rows with their 1-based rank among the filtered rows, and how many rows match the filter. */
  page(query: LeaderboardQuery): { rows: RankedRow[]; total: number } {
    const sorted = this.sorted(query.sortBy, query.order);
    const end = query.offset + query.limit;
    const rows: RankedRow[] = [];
    let matched = 0;
    for (let i = 0; i < sorted.length && matched < end; i++) {
      const row = sorted[i];
      if (!matches(row, query)) continue;
      if (matched >= query.offset) rows.push({ ...row, rank: matched + 1 });
      matched++;
    }
    return { rows, total: this.total(query) };
  }

  private total(query: LeaderboardQuery): number {
    const key = `${query.minBacktests}|${query.template ?? ''}|${query.symbol ?? ''}`;
    let total = this.totals.get(key);
    if (total === undefined) {
      total = 0;
      for (const row of this.rows) if (matches(row, query)) total++;
      if (this.totals.size >= MAX_FILTERS) this.totals.clear();
      this.totals.set(key, total);
    }
    return total;
  }

  private sorted(sortBy: LeaderboardSort, order: SortOrder): AggregateRow[] {
    const key = `${sortBy}:${order}`;
    let sorted = this.orders.get(key);
    if (!sorted) {
      const terms = rankingOrder(sortBy, order).map((t) => ({
        column: t.column as Column,
        sign: t.direction === 'ASC' ? 1 : -1,
      }));
      sorted = [...this.rows].sort((a, b) => {
        for (const { column, sign } of terms) {
          const c = compareNullsLast(a[column], b[column], sign);
          if (c !== 0) return c;
        }
        return 0;
      });
      this.orders.set(key, sorted);
    }
    return sorted;
  }
}

function matches(row: AggregateRow, query: LeaderboardQuery): boolean {
  if (row.backtest_count < query.minBacktests) return false;
  if (query.template !== undefined && row.template !== query.template) return false;
  if (query.symbol !== undefined && !row.symbols.includes(query.symbol)) return false;
  return true;
}

function compareNullsLast(a: number | string | null, b: number | string | null, sign: number): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -sign : sign;
}

import { normaliseLeaderboardQuery, type LeaderboardQuery } from './leaderboard-query';
import { LeaderboardSnapshot, type AggregateRow } from './leaderboard-snapshot';

const row = (id: string, over: Partial<AggregateRow> = {}): AggregateRow => ({
  strategy_id: `00000000-0000-0000-0000-${id.padStart(12, '0')}`,
  template: 'sma-cross',
  avg_sharpe: 1,
  median_sharpe: 1,
  avg_cagr: 5,
  avg_return: 10,
  avg_max_drawdown: -10,
  backtest_count: 5,
  symbols: ['AAPL'],
  consistency: 0.5,
  last_run_at: null,
  ...over,
});
const ids = (snapshot: LeaderboardSnapshot, q: Partial<LeaderboardQuery>) =>
  snapshot
    .page(normaliseLeaderboardQuery({ minBacktests: 1, ...q }))
    .rows.map((r) => r.strategy_id.slice(-2));

describe('LeaderboardSnapshot', () => {
  const rows = [
    row('a1', { avg_sharpe: 2 }),
    row('b2', { avg_sharpe: null }),
    row('c3', { avg_sharpe: 0.5 }),
    row('d4', { avg_sharpe: 2, backtest_count: 9 }),
    row('e5', { avg_sharpe: 2 }),
    row('f6', { avg_sharpe: -1, template: 'rsi-reversion', symbols: ['MSFT', 'NVDA'] }),
    row('g7', { avg_sharpe: 3, backtest_count: 2 }),
  ];
  const snapshot = new LeaderboardSnapshot(rows);

  it('sorts by the metric, then more backtests, then the id; empty metrics last in both directions', () => {
    expect(ids(snapshot, { sortBy: 'sharpe', order: 'desc' })).toEqual([
      'g7',
      'd4',
      'a1',
      'e5',
      'c3',
      'f6',
      'b2',
    ]);
    expect(ids(snapshot, { sortBy: 'sharpe', order: 'asc' })).toEqual([
      'f6',
      'c3',
      'd4',
      'a1',
      'e5',
      'g7',
      'b2',
    ]);
  });

  it('sorts by backtest count with the id as the only tie-break', () => {
    expect(ids(snapshot, { sortBy: 'backtest_count', order: 'desc' })).toEqual([
      'd4',
      'a1',
      'b2',
      'c3',
      'e5',
      'f6',
      'g7',
    ]);
    expect(ids(snapshot, { sortBy: 'backtest_count', order: 'asc' })).toEqual([
      'g7',
      'a1',
      'b2',
      'c3',
      'e5',
      'f6',
      'd4',
    ]);
  });

  it('filters by minimum backtests, template and symbol, ranking among the matching rows', () => {
    expect(ids(snapshot, { minBacktests: 3 })).toEqual(['d4', 'a1', 'e5', 'c3', 'f6', 'b2']);
    expect(ids(snapshot, { template: 'rsi-reversion' })).toEqual(['f6']);
    expect(ids(snapshot, { symbol: 'NVDA' })).toEqual(['f6']);
    expect(ids(snapshot, { symbol: 'nvda' })).toEqual([]);
    const page = snapshot.page(normaliseLeaderboardQuery({ minBacktests: 3, offset: 1, limit: 2 }));
    expect(page.rows.map((r) => [r.strategy_id.slice(-2), r.rank])).toEqual([
      ['a1', 2],
      ['e5', 3],
    ]);
    expect(page.total).toBe(6);
  });

  it('pages past the end with the right total', () => {
    const page = snapshot.page(normaliseLeaderboardQuery({ minBacktests: 1, offset: 50 }));
    expect(page).toEqual({ rows: [], total: 7 });
  });

  it('leaves the rows it was built from untouched', () => {
    const before = JSON.stringify(rows);
    snapshot.page(normaliseLeaderboardQuery({ sortBy: 'cagr', order: 'asc', minBacktests: 1 }));
    expect(JSON.stringify(rows)).toBe(before);
  });
});

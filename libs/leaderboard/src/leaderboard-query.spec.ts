import { canonicalQueryString, leaderboardCacheKey, leaderboardCacheKeyParts, normaliseLeaderboardQuery, orderBySql, rankingOrder } from './leaderboard-query';

describe('normaliseLeaderboardQuery', () => {
  it('an empty query gets the defaults', () => {
    expect(normaliseLeaderboardQuery({})).toEqual({ sortBy: 'sharpe', order: 'desc', limit: 50, offset: 0, minBacktests: 3 });
  });

  it('blank filters are dropped and the template is lower-cased, so equivalent queries share a cache key', () => {
    const a = normaliseLeaderboardQuery({ template: '  SMA-Cross ', symbol: '' });
    const b = normaliseLeaderboardQuery({ template: 'sma-cross', sortBy: 'sharpe', limit: 50 });
    expect(a).toEqual(b);
    expect(leaderboardCacheKey('sb', 3, a)).toBe(leaderboardCacheKey('sb', 3, b));
  });

  it('symbols keep their case (tickers are matched exactly)', () => {
    expect(normaliseLeaderboardQuery({ symbol: ' BTC-USD ' }).symbol).toBe('BTC-USD');
  });
});

describe('leaderboard cache key', () => {
  const q = normaliseLeaderboardQuery({ symbol: 'a&b=c' });

  it('changes with the version, so a refresh invalidates every page at once', () => {
    expect(leaderboardCacheKey('sb', 1, q)).not.toBe(leaderboardCacheKey('sb', 2, q));
  });

  it('is the version between its two parts (what the Lua lookup builds)', () => {
    const [head, tail] = leaderboardCacheKeyParts('sb', q);
    expect(`${head}7${tail}`).toBe(leaderboardCacheKey('sb', 7, q));
    expect(head.startsWith('sb:leaderboard:')).toBe(true);
  });

  it('encodes values, so a filter cannot forge another query', () => {
    expect(canonicalQueryString(q)).toContain('symbol=a%26b%3Dc');
    expect(canonicalQueryString(normaliseLeaderboardQuery({ symbol: 'X', template: 'y' }))).not.toBe(
      canonicalQueryString(normaliseLeaderboardQuery({ symbol: 'X&template=y' })),
    );
  });

  it('differs for every field', () => {
    const base = normaliseLeaderboardQuery({});
    const variants = [{ sortBy: 'cagr' }, { order: 'asc' }, { limit: 10 }, { offset: 5 }, { minBacktests: 1 }, { template: 'rules' }, { symbol: 'AAPL' }] as const;
    const keys = new Set([base, ...variants.map((v) => normaliseLeaderboardQuery({ ...base, ...v }))].map(canonicalQueryString));
    expect(keys.size).toBe(variants.length + 1);
  });
});

describe('rankingOrder', () => {
  it('a metric sort breaks ties by more backtests, then by strategy id', () => {
    expect(rankingOrder('sharpe', 'desc')).toEqual([
      { column: 'avg_sharpe', direction: 'DESC' },
      { column: 'backtest_count', direction: 'DESC' },
      { column: 'strategy_id', direction: 'ASC' },
    ]);
  });

  it('an ascending sort keeps the tie-breaks as they are', () => {
    expect(rankingOrder('cagr', 'asc').slice(1)).toEqual(rankingOrder('cagr', 'desc').slice(1));
    expect(rankingOrder('cagr', 'asc')[0]).toEqual({ column: 'avg_cagr', direction: 'ASC' });
  });

  it('sorting by backtest count goes straight to the id', () => {
    expect(rankingOrder('backtest_count', 'asc')).toEqual([
      { column: 'backtest_count', direction: 'ASC' },
      { column: 'strategy_id', direction: 'ASC' },
    ]);
  });

  it('puts empty metrics last in SQL whichever the direction', () => {
    expect(orderBySql(rankingOrder('return', 'asc'))).toBe('a.avg_return ASC NULLS LAST, a.backtest_count DESC NULLS LAST, a.strategy_id ASC NULLS LAST');
  });
});

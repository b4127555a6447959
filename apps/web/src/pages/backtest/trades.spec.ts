import { describe, expect, it } from 'vitest';
import { sortTrades, tradesToCsv, type NumberedTrade } from './trades';

const trade = (n: number, over: Partial<NumberedTrade>): NumberedTrade => ({
  n,
  entryTime: Date.UTC(2020, 0, n),
  exitTime: Date.UTC(2020, 0, n + 5),
  entryBar: n,
  exitBar: n + 5,
  entryPrice: 100,
  exitPrice: 110,
  size: 10,
  pnl: 100,
  returnPct: 10,
  commission: 1,
  ...over,
});

const trades = [trade(1, { pnl: 50, returnPct: 5 }), trade(2, { pnl: -20, returnPct: -2, size: -5 }), trade(3, { pnl: 300, returnPct: 30 })];

describe('trades sorting and CSV', () => {
  it('sorts by any column in both directions, ties in trade order', () => {
    expect(sortTrades(trades, 'pnl', 'desc').map((t) => t.n)).toEqual([3, 1, 2]);
    expect(sortTrades(trades, 'returnPct', 'asc').map((t) => t.n)).toEqual([2, 1, 3]);
    expect(sortTrades(trades, 'side', 'asc').map((t) => t.n)).toEqual([1, 3, 2]);
    expect(sortTrades(trades, 'entryPrice', 'asc').map((t) => t.n)).toEqual([1, 2, 3]);
  });

  it('exports one CSV row per trade with ISO dates and plain numbers', () => {
    const csv = tradesToCsv(trades.slice(0, 2));
    expect(csv.split('\n')).toEqual([
      'n,side,entry_time,exit_time,entry_price,exit_price,size,pnl,return_pct,commission',
      '1,long,2020-01-01T00:00:00.000Z,2020-01-06T00:00:00.000Z,100,110,10,50,5,1',
      '2,short,2020-01-02T00:00:00.000Z,2020-01-07T00:00:00.000Z,100,110,5,-20,-2,1',
      '',
    ]);
  });
});

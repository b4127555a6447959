import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

export interface SeedStrategy {
  id: string;
  ownerId: string;
  name: string;
  visibility: 'public' | 'private';
  spec: Record<string, unknown>;
}

export interface SeedBacktest {
  id: string;
  userId: string;
  strategyId: string;
  spec: Record<string, unknown>;
  options: Record<string, unknown>;
  symbol: string;
  symbolId: string;
  timeframe: string;
  periodFrom: string;
  periodTo: string;
  status: 'pending' | 'active' | 'completed' | 'failed' | 'canceled';
  returnPct: number | null;
  sharpe: number | null;
  cagrPct: number | null;
  maxDrawdownPct: number | null;
  finishedAt: string | null;
}

export const OPTIONS = { cash: 10_000, commission: 0.001, spread: 0, finalize: true, tradeOnClose: false, fractional: false };
export const smaSpec = (fast = 10, slow = 30) => ({ kind: 'template', template: 'sma-cross', params: { fast, slow } });
export const rulesSpec = () => ({ kind: 'rules', rules: { entry: 'close > sma(close, 20)', exit: 'close < sma(close, 20)' } });

/** Stable symbol ids per ticker, as the catalogue would have them. */
const symbolIds = new Map<string, string>();
export const symbolIdOf = (ticker: string) => {
  if (!symbolIds.has(ticker)) symbolIds.set(ticker, randomUUID());
  return symbolIds.get(ticker)!;
};

export async function insertStrategy(ds: DataSource, s: Omit<SeedStrategy, 'id'>): Promise<SeedStrategy> {
  const id = randomUUID();
  await ds.query(`INSERT INTO strategies (id, owner_id, name, spec, visibility) VALUES ($1, $2, $3, $4, $5)`, [
    id,
    s.ownerId,
    s.name,
    JSON.stringify(s.spec),
    s.visibility,
  ]);
  return { id, ...s };
}

let clock = Date.UTC(2025, 0, 1);

export async function insertBacktest(
  ds: DataSource,
  strategy: SeedStrategy,
  userId: string,
  b: Partial<Omit<SeedBacktest, 'id' | 'strategyId' | 'userId'>> & { symbol: string },
): Promise<SeedBacktest> {
  clock += 60_000;
  const row: SeedBacktest = {
    id: randomUUID(),
    userId,
    strategyId: strategy.id,
    spec: b.spec ?? strategy.spec,
    options: b.options ?? OPTIONS,
    symbol: b.symbol,
    symbolId: b.symbolId ?? symbolIdOf(b.symbol),
    timeframe: b.timeframe ?? '1d',
    periodFrom: b.periodFrom ?? '2020-01-01T00:00:00.000Z',
    periodTo: b.periodTo ?? '2023-01-01T00:00:00.000Z',
    status: b.status ?? 'completed',
    returnPct: b.returnPct ?? null,
    sharpe: b.sharpe ?? null,
    cagrPct: b.cagrPct ?? null,
    maxDrawdownPct: b.maxDrawdownPct ?? null,
    finishedAt: b.finishedAt !== undefined ? b.finishedAt : (b.status ?? 'completed') === 'completed' ? new Date(clock).toISOString() : null,
  };
  await ds.query(
    `INSERT INTO backtests (id, user_id, strategy_id, strategy_name, strategy_spec, options, symbol_id, symbol, timeframe, period_from, period_to,
                            plan, priority, cost, status, progress, finished_at, return_pct, sharpe, cagr_pct, max_drawdown_pct)
     VALUES ($1, $2, $3, 'seeded', $4, $5, $6, $7, $8, $9, $10, 'free', 10, 1, $11, $12, $13, $14, $15, $16, $17)`,
    [
      row.id,
      row.userId,
      row.strategyId,
      JSON.stringify(row.spec),
      JSON.stringify(row.options),
      row.symbolId,
      row.symbol,
      row.timeframe,
      row.periodFrom,
      row.periodTo,
      row.status,
      row.status === 'completed' ? 100 : 0,
      row.finishedAt,
      row.returnPct,
      row.sharpe,
      row.cagrPct,
      row.maxDrawdownPct,
    ],
  );
  return row;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const median = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const present = (xs: Array<number | null>) => xs.filter((x): x is number => x !== null);

/** The anti-gaming rule, computed in JS: the latest completed run per (strategy, spec+options, symbol, timeframe, range). */
export function distinctRuns(backtests: SeedBacktest[]): SeedBacktest[] {
  const latest = new Map<string, SeedBacktest>();
  for (const b of backtests.filter((x) => x.status === 'completed')) {
    const key = JSON.stringify([b.strategyId, b.spec, b.options, b.symbolId, b.timeframe, b.periodFrom, b.periodTo]);
    const prev = latest.get(key);
    if (!prev || (b.finishedAt ?? '') > (prev.finishedAt ?? '')) latest.set(key, b);
  }
  return [...latest.values()];
}

export interface ExpectedAggregate {
  strategyId: string;
  backtestCount: number;
  symbols: string[];
  consistency: number;
  avgSharpe: number | null;
  medianSharpe: number | null;
  avgCagr: number | null;
  avgReturn: number | null;
  avgMaxDrawdown: number | null;
  lastRunAt: string | null;
}

export function expectedAggregates(strategies: SeedStrategy[], backtests: SeedBacktest[]): Map<string, ExpectedAggregate> {
  const out = new Map<string, ExpectedAggregate>();
  const runs = distinctRuns(backtests);
  for (const s of strategies.filter((x) => x.visibility === 'public')) {
    const mine = runs.filter((r) => r.strategyId === s.id);
    if (!mine.length) continue;
    out.set(s.id, {
      strategyId: s.id,
      backtestCount: mine.length,
      symbols: [...new Set(mine.map((r) => r.symbol))].sort(),
      consistency: mine.filter((r) => (r.returnPct ?? 0) > 0).length / mine.length,
      avgSharpe: mean(present(mine.map((r) => r.sharpe))),
      medianSharpe: median(present(mine.map((r) => r.sharpe))),
      avgCagr: mean(present(mine.map((r) => r.cagrPct))),
      avgReturn: mean(present(mine.map((r) => r.returnPct))),
      avgMaxDrawdown: mean(present(mine.map((r) => r.maxDrawdownPct))),
      lastRunAt: mine.map((r) => r.finishedAt!).sort().at(-1) ?? null,
    });
  }
  return out;
}

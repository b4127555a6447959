import { createHash } from 'node:crypto';
import { Queue } from 'bullmq';
import { io, type Socket } from 'socket.io-client';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { QUEUE_NAMES, bullConnection } from '@app/common';
import { emptySeries } from '@app/engine';
import { MarketDataRepository, type MarketSymbolEntity } from '@app/market-data';
import type { TestEnv } from '../support/test-env';

const DAY = 86_400_000;

/** A deterministic daily random walk: enough bars and crossings for every template. */
export function syntheticSeries(bars: number, start = Date.UTC(2015, 0, 1), stepMs = DAY) {
  const s = emptySeries(bars);
  let price = 100;
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5;
  for (let i = 0; i < bars; i++) {
    const open = price;
    price = Math.max(1, price * (1 + 0.03 * rand() + 0.01 * Math.sin(i / 15)));
    s.time[i] = start + i * stepMs;
    s.open[i] = open;
    s.close[i] = price;
    s.high[i] = Math.max(open, price) * 1.005;
    s.low[i] = Math.min(open, price) * 0.995;
    s.volume[i] = 1000;
  }
  return s;
}

/** A public dataset: `bars` daily bars from 2015-01-01. */
export async function seedSymbol(
  dataSource: DataSource,
  ticker: string,
  bars = 3000,
  timeframe = '1d',
): Promise<MarketSymbolEntity> {
  return new MarketDataRepository(dataSource).replaceSeries({
    ticker,
    ownerId: null,
    timeframe,
    metadata: { name: ticker },
    series: syntheticSeries(bars),
    contentHash: createHash('sha256').update(`${ticker}:${bars}`).digest('hex'),
  });
}

export const SMA = { kind: 'template', template: 'sma-cross', params: { fast: 10, slow: 30 } } as const;

export function backtestBody(overrides: Record<string, unknown> = {}) {
  return {
    strategy: SMA,
    symbol: 'SYN',
    timeframe: '1d',
    from: '2016-01-01',
    to: '2016-12-31',
    cash: 10_000,
    commission: 0.001,
    spread: 0,
    finalize: true,
    tradeOnClose: false,
    ...overrides,
  };
}

export function submit(
  apiUrl: string,
  token: string,
  body: Record<string, unknown>,
  idempotencyKey?: string,
) {
  const req = request(apiUrl).post('/api/backtests').set('Authorization', `Bearer ${token}`);
  if (idempotencyKey) req.set('Idempotency-Key', idempotencyKey);
  return req.send(body);
}

export function connectSocket(url: string, auth: Record<string, string>): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url, { transports: ['websocket'], reconnection: false, auth });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

export async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface BacktestRow {
  id: string;
  status: string;
  attempts: number;
  progress: number;
  error: string | null;
  [column: string]: unknown;
}

export async function backtestRow(dataSource: DataSource, id: string) {
  const [row] = await dataSource.query(`SELECT * FROM backtests WHERE id = $1`, [id]);
  return row as BacktestRow | undefined;
}

export const waitForStatus = (dataSource: DataSource, id: string, statuses: string[], timeoutMs = 30_000) =>
  waitFor(
    async () => {
      const row = await backtestRow(dataSource, id);
      return row && statuses.includes(row.status) ? row : undefined;
    },
    timeoutMs,
    `backtest ${id} to be ${statuses.join('|')}`,
  );

/** Ledger entries of one backtest, by reason. */
export async function ledgerOf(
  dataSource: DataSource,
  backtestId: string,
): Promise<Record<string, number[]>> {
  const rows: Array<{ reason: string; amount: number }> = await dataSource.query(
    `SELECT reason, amount FROM credit_ledger WHERE reference_type = 'backtest' AND reference_id = $1 ORDER BY id`,
    [backtestId],
  );
  const out: Record<string, number[]> = {};
  for (const r of rows) (out[r.reason] ??= []).push(r.amount);
  return out;
}

export function backtestsQueue(env: TestEnv): Queue {
  return new Queue(QUEUE_NAMES.backtests, {
    connection: bullConnection(env.redisUrl),
    prefix: env.redisPrefix,
  });
}

/** Fast retry/stall settings for worker processes under test. */
export const FAST_WORKER_ENV = {
  BACKTEST_BACKOFF_MS: '100',
  BACKTEST_LOCK_DURATION_MS: '2000',
  BACKTEST_STALLED_INTERVAL_MS: '1000',
  BACKTEST_RECONCILE_INTERVAL_MS: '1000',
  BACKTEST_RECONCILE_GRACE_MS: '1000',
};

import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TEST_ADMIN, TEST_TRADER, sessionResponse, signInForTest } from '../../auth/testing';
import { jsonResponse, mockFetch } from '../../test/http';
import { renderRoute } from '../../test/render';

const JOB_ID = '33333333-3333-4333-8333-333333333333';
const job = {
  id: JOB_ID,
  userId: TEST_TRADER.id,
  status: 'completed',
  progress: 100,
  progressStep: null,
  attempts: 1,
  strategyId: null,
  strategyName: 'SMA cross 10/30',
  strategySpec: {},
  options: { cash: 10_000_000, commission: 0, spread: 0, finalize: true, tradeOnClose: false, fractional: false },
  symbolId: '44444444-4444-4444-8444-444444444444',
  symbol: 'GOOG',
  timeframe: '1d',
  from: '2020-01-01T00:00:00.000Z',
  to: '2021-01-01T00:00:00.000Z',
  plan: 'basic',
  cost: 3,
  createdAt: '2024-05-02T03:04:00.000Z',
  startedAt: null,
  finishedAt: null,
  queueWaitMs: null,
  cancelRequestedAt: null,
  error: null,
  errorCode: null,
  returnPct: 12.5,
  sharpe: 1.234,
  cagrPct: null,
  maxDrawdownPct: null,
  tradeCount: 4,
  metrics: null,
};

describe('support console: a user’s recent jobs', () => {
  it("lists the user's latest backtests (asked for by userId) with links to each run", async () => {
    signInForTest();
    const asked: string[] = [];
    mockFetch((request) => {
      const session = sessionResponse(request, TEST_ADMIN);
      if (session) return session;
      const url = new URL(request.url);
      if (url.pathname === `/api/admin/users/${TEST_TRADER.id}`) return jsonResponse({ ...TEST_TRADER, balance: 40 });
      if (url.pathname === '/api/backtests') {
        asked.push(url.search);
        return jsonResponse({ items: [job], total: 25, limit: 10, offset: 0 });
      }
      return jsonResponse({ items: [], total: 0, limit: 10, offset: 0 });
    });
    renderRoute(`/admin/users/${TEST_TRADER.id}`);
    const card = await screen.findByTestId('admin-user-jobs');
    await within(card).findByText('SMA cross 10/30');
    expect(asked).toEqual([`?userId=${TEST_TRADER.id}&limit=10`]);
    expect(within(card).getByText('+12.50%')).toBeInTheDocument();
    expect(within(card).getByText('1.23')).toBeInTheDocument();
    expect(within(card).getByText('완료')).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: '백테스트 열기: GOOG · SMA cross 10/30' })).toHaveAttribute(
      'href',
      `/backtests/${JOB_ID}`,
    );
    expect(within(card).getByText('전체 25개 중 최근 1개')).toBeInTheDocument();
  });
});

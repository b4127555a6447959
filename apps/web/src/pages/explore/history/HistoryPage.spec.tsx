import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { jsonResponse } from '../../../test/http';
import { renderRoute } from '../../../test/render';
import { SLOW, callsTo, mockApi, signIn } from '../testing';

function backtest(id: string, over: Record<string, unknown> = {}) {
  return {
    id,
    userId: 'u1',
    status: 'completed',
    progress: 100,
    progressStep: 'saved',
    attempts: 1,
    strategyId: 's1',
    strategyName: `Strategy ${id}`,
    strategySpec: { kind: 'template', template: 'sma-cross', params: {} },
    options: {},
    symbolId: 'sym',
    symbol: 'SPY',
    timeframe: '1d',
    from: '2020-01-01T00:00:00.000Z',
    to: '2021-01-01T00:00:00.000Z',
    plan: 'basic',
    cost: 3,
    createdAt: '2024-03-05T09:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    queueWaitMs: 120,
    cancelRequestedAt: null,
    error: null,
    errorCode: null,
    returnPct: 12.5,
    sharpe: 1.234,
    cagrPct: 6.1,
    maxDrawdownPct: -8.25,
    tradeCount: 4,
    metrics: null,
    ...over,
  };
}

const PAGE = {
  items: [
    backtest('a'),
    backtest('b', { symbol: 'GOOG', returnPct: -3.2 }),
    backtest('c', { status: 'failed', returnPct: null, sharpe: null, cagrPct: null, maxDrawdownPct: null }),
  ],
  total: 3,
  limit: 20,
  offset: 0,
};

function setup(page: unknown = PAGE) {
  signIn();
  const fetchMock = mockApi({
    'GET /api/backtests': () => page,
    'GET /api/strategies': () => ({ items: [{ id: 's1', name: 'My SMA' }], total: 1, limit: 100, offset: 0 }),
    'GET /api/market-data/symbols': () => ({ symbols: [{ ticker: 'SPY' }, { ticker: 'GOOG' }] }),
  });
  return fetchMock;
}

describe('HistoryPage', () => {
  it('lists backtests with units, status badges and links to the result page', async () => {
    setup();
    renderRoute('/history');
    const link = await screen.findByRole('link', { name: 'Strategy a' }, SLOW);
    expect(link).toHaveAttribute('href', '/backtests/a');
    const row = link.closest('tr')!;
    expect(within(row).getByText('+12.50%')).toBeInTheDocument();
    expect(within(row).getByText('1.23')).toBeInTheDocument();
    expect(within(row).getByText('+6.10%')).toBeInTheDocument();
    expect(within(row).getByText('-8.25%')).toBeInTheDocument();
    expect(within(row).getByText('완료')).toBeInTheDocument();
    const failed = screen.getByRole('link', { name: 'Strategy c' }).closest('tr')!;
    expect(within(failed).getByText('실패')).toBeInTheDocument();
  });

  it('sorts through the column headers, exposing aria-sort, and keeps the sort in the URL', async () => {
    const fetchMock = setup();
    const { user, router } = renderRoute('/history');
    await screen.findByRole('link', { name: 'Strategy a' }, SLOW);
    const dateHeader = screen.getByRole('columnheader', { name: /실행일/ });
    expect(dateHeader).toHaveAttribute('aria-sort', 'descending');

    await user.click(screen.getByRole('button', { name: /^수익률/ }));
    await waitFor(() =>
      expect(screen.getByRole('columnheader', { name: /^수익률/ })).toHaveAttribute(
        'aria-sort',
        'descending',
      ),
    );
    expect(dateHeader).toHaveAttribute('aria-sort', 'none');
    expect(router.state.location.search).toBe('?sort=return');
    await waitFor(() =>
      expect(callsTo(fetchMock, 'GET', '/api/backtests').at(-1)!.searchParams.get('sort')).toBe('return'),
    );

    await user.click(screen.getByRole('button', { name: /^수익률/ }));
    await waitFor(() =>
      expect(screen.getByRole('columnheader', { name: /^수익률/ })).toHaveAttribute('aria-sort', 'ascending'),
    );
    const last = callsTo(fetchMock, 'GET', '/api/backtests').at(-1)!;
    expect(last.searchParams.get('order')).toBe('asc');
    expect(last.searchParams.get('sort')).toBe('return');
  });

  it('filters by status, symbol and strategy and resets the page offset', async () => {
    const fetchMock = setup();
    const { user, router } = renderRoute('/history?offset=20');
    await screen.findByRole('link', { name: 'Strategy a' }, SLOW);
    await user.selectOptions(screen.getByLabelText('상태'), 'completed');
    await user.selectOptions(screen.getByLabelText('종목'), 'GOOG');
    await user.selectOptions(screen.getByLabelText('전략'), 's1');
    await waitFor(() => {
      const q = callsTo(fetchMock, 'GET', '/api/backtests').at(-1)!.searchParams;
      expect(q.get('status')).toBe('completed');
      expect(q.get('symbol')).toBe('GOOG');
      expect(q.get('strategyId')).toBe('s1');
      expect(q.get('offset')).toBe('0');
    });
    expect(new URLSearchParams(router.state.location.search).get('offset')).toBeNull();
    await user.click(screen.getByRole('button', { name: '필터 초기화' }));
    expect(router.state.location.search).toBe('');
  });

  it('selects only completed runs for comparison and opens the compare screen with their ids', async () => {
    setup();
    const { user, router } = renderRoute('/history');
    await screen.findByRole('link', { name: 'Strategy a' }, SLOW);
    const compare = screen.getByRole('button', { name: '선택 항목 비교' });
    expect(compare).toBeDisabled();
    expect(screen.getByRole('checkbox', { name: /Strategy c/ })).toBeDisabled();

    await user.click(screen.getByRole('checkbox', { name: /Strategy a/ }));
    expect(compare).toBeDisabled();
    expect(screen.getByText(/1개 선택됨/)).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: /Strategy b/ }));
    expect(compare).toBeEnabled();
    await user.click(compare);
    await waitFor(() => expect(router.state.location.pathname).toBe('/history/compare'));
    expect(router.state.location.search).toBe('?ids=a,b');
  });

  it('shows an empty state with a call to action for a first backtest', async () => {
    setup({ items: [], total: 0, limit: 20, offset: 0 });
    renderRoute('/history');
    expect(await screen.findByText('아직 실행한 백테스트가 없습니다', {}, SLOW)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '첫 백테스트 실행하기' })).toHaveAttribute('href', '/backtest');
  });

  it('shows the API error', async () => {
    signIn();
    mockApi({
      'GET /api/backtests': () =>
        jsonResponse({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'Database unavailable' }, 500),
    });
    renderRoute('/history');
    expect(await screen.findByRole('alert', {}, SLOW)).toHaveTextContent('Database unavailable');
  });
});

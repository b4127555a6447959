import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderRoute } from '../../../test/render';
import { SLOW, callsTo, mockApi } from '../testing';

const entry = (rank: number, over: Record<string, unknown> = {}) => ({
  rank,
  strategyId: `00000000-0000-4000-8000-00000000000${rank}`,
  strategyName: `Strat ${rank}`,
  author: `author${rank}`,
  template: 'sma-cross',
  avgSharpe: 1.5,
  medianSharpe: 1.2,
  avgCagr: 8.4,
  avgReturn: 25,
  avgMaxDrawdown: -12,
  backtestCount: 5,
  symbols: ['SPY', 'GOOG'],
  consistency: 0.8,
  copyCount: 2,
  lastRunAt: '2024-03-01T00:00:00.000Z',
  ...over,
});

function setup(total = 45) {
  return mockApi({
    'GET /api/strategies/leaderboard': (_r, url) => ({
      strategies: [
        entry(Number(url.searchParams.get('offset') ?? 0) + 1),
        entry(Number(url.searchParams.get('offset') ?? 0) + 2),
      ],
      pagination: { total, limit: 20, offset: Number(url.searchParams.get('offset') ?? 0), hasMore: true },
    }),
    'GET /api/strategies/templates': () => [
      {
        id: 'sma-cross',
        name: 'SMA crossover',
        description: '',
        params: [],
        constraints: [],
        jsonSchema: {},
      },
    ],
    'GET /api/market-data/symbols': () => ({ symbols: [{ ticker: 'SPY' }, { ticker: 'GOOG' }] }),
  });
}

describe('LeaderboardPage', () => {
  it('reads sort, filters and page from the query string and sends them to the API', async () => {
    const fetchMock = setup();
    renderRoute('/leaderboard?sortBy=cagr&order=asc&template=sma-cross&symbol=SPY&minBacktests=5&offset=20');
    await screen.findByRole('link', { name: 'Strat 21' }, SLOW);
    const q = callsTo(fetchMock, 'GET', '/api/strategies/leaderboard').at(-1)!.searchParams;
    expect(Object.fromEntries(q)).toEqual({
      sortBy: 'cagr',
      order: 'asc',
      template: 'sma-cross',
      symbol: 'SPY',
      minBacktests: '5',
      offset: '20',
      limit: '20',
    });
    expect(screen.getByRole('columnheader', { name: /^평균 CAGR/ })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
    await waitFor(() => expect(screen.getByLabelText('템플릿')).toHaveValue('sma-cross'));
    expect(screen.getByLabelText('종목')).toHaveValue('SPY');
    expect(screen.getByLabelText('최소 백테스트 수')).toHaveValue(5);
    expect(screen.getByText('전체 45개 중 21–40')).toBeInTheDocument();
  });

  it('writes sort, filter and page changes back to the URL (and resets the page on a new sort)', async () => {
    const fetchMock = setup();
    const { user, router } = renderRoute('/leaderboard');
    await screen.findByRole('link', { name: 'Strat 1' }, SLOW);
    expect(screen.getByRole('columnheader', { name: /^평균 샤프/ })).toHaveAttribute(
      'aria-sort',
      'descending',
    );

    await user.click(screen.getByRole('button', { name: '다음' }));
    await waitFor(() => expect(router.state.location.search).toBe('?offset=20'));
    await screen.findByRole('link', { name: 'Strat 21' });

    await user.click(screen.getByRole('button', { name: '일관성' }));
    await waitFor(() => expect(router.state.location.search).toBe('?sortBy=consistency'));
    await user.click(screen.getByRole('button', { name: '일관성' }));
    await waitFor(() => expect(router.state.location.search).toBe('?sortBy=consistency&order=asc'));

    await user.selectOptions(screen.getByLabelText('종목'), 'GOOG');
    const min = screen.getByLabelText('최소 백테스트 수');
    await user.clear(min);
    await user.type(min, '10{Enter}');
    await waitFor(() =>
      expect(new URLSearchParams(router.state.location.search).get('minBacktests')).toBe('10'),
    );
    const params = new URLSearchParams(router.state.location.search);
    expect(params.get('symbol')).toBe('GOOG');
    const last = callsTo(fetchMock, 'GET', '/api/strategies/leaderboard').at(-1)!.searchParams;
    expect(last.get('sortBy')).toBe('consistency');
    expect(last.get('order')).toBe('asc');
    expect(last.get('symbol')).toBe('GOOG');
    expect(last.get('minBacktests')).toBe('10');

    // Back restores the previous state from the URL.
    await router.navigate(-1);
    await waitFor(() =>
      expect(new URLSearchParams(router.state.location.search).get('minBacktests')).toBeNull(),
    );
    await waitFor(() => expect(screen.getByLabelText('최소 백테스트 수')).toHaveValue(3));
  });

  it('shows rank, author, template and percent units, and explains consistency and median Sharpe', async () => {
    setup();
    const { user } = renderRoute('/leaderboard');
    const link = await screen.findByRole('link', { name: 'Strat 1' }, SLOW);
    expect(link).toHaveAttribute('href', `/leaderboard/${entry(1).strategyId}`);
    const row = link.closest('tr')!;
    expect(within(row).getByText('작성자 author1 · SMA crossover')).toBeInTheDocument();
    expect(within(row).getByText('+25.00%')).toBeInTheDocument();
    expect(within(row).getByText('+8.40%')).toBeInTheDocument();
    expect(within(row).getByText('80.00%')).toBeInTheDocument();
    expect(within(row).getByText('중앙값 1.20')).toBeInTheDocument();

    const tip = screen.getByRole('button', { name: '일관성이란?' });
    await user.hover(tip);
    expect(tip).toHaveAccessibleDescription(/운 좋은 한 번으로는 상위에 오를 수 없습니다/);
    expect(screen.getByRole('button', { name: '평균·중앙값 샤프란?' })).toHaveAccessibleDescription(
      /중앙값은 거의 움직이지 않습니다/,
    );
  });

  it('explains the threshold when nothing is ranked yet', async () => {
    mockApi({
      'GET /api/strategies/leaderboard': () => ({
        strategies: [],
        pagination: { total: 0, limit: 20, offset: 0, hasMore: false },
      }),
    });
    renderRoute('/leaderboard');
    expect(await screen.findByText('아직 순위에 오른 전략이 없습니다', {}, SLOW)).toBeInTheDocument();
    expect(screen.getByText(/3회 이상 완료하면/)).toBeInTheDocument();
  });
});

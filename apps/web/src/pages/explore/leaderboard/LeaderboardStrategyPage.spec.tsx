import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { jsonResponse } from '../../../test/http';
import { renderRoute } from '../../../test/render';
import { SLOW, callsTo, mockApi, signIn } from '../testing';

const ID = '11111111-1111-4111-8111-111111111111';
const NEW_ID = '22222222-2222-4222-8222-222222222222';

const performance = {
  strategyId: ID,
  strategyName: 'Golden cross',
  author: 'pro',
  visibility: 'public',
  template: 'sma-cross',
  backtestCount: 3,
  symbols: [
    { symbol: 'SPY', backtestCount: 2, avgSharpe: 1, avgReturn: 10, avgCagr: 5, avgMaxDrawdown: -10 },
    { symbol: 'GOOG', backtestCount: 1, avgSharpe: 0.4, avgReturn: -5, avgCagr: -2, avgMaxDrawdown: -20 },
  ],
  recentBacktests: [
    {
      id: 'r1',
      symbol: 'SPY',
      timeframe: '1d',
      periodFrom: '2020-01-01T00:00:00Z',
      periodTo: '2021-01-01T00:00:00Z',
      returnPct: 10,
      sharpe: 1,
      finishedAt: '2024-01-01T00:00:00Z',
    },
  ],
};
const strategy = {
  id: ID,
  ownerId: 'someone-else',
  name: 'Golden cross',
  description: 'Classic 50/200',
  spec: { kind: 'template', template: 'sma-cross', params: { fast: 50, slow: 200 } },
  visibility: 'public',
  copiedFrom: null,
  copyCount: 4,
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: '2024-01-01T00:00:00Z',
};

function setup(
  copy: () => unknown = () =>
    jsonResponse(
      {
        ...strategy,
        id: NEW_ID,
        name: 'Golden cross (copy)',
        ownerId: 'me',
        visibility: 'private',
        copiedFrom: ID,
      },
      201,
    ),
) {
  signIn();
  return mockApi({
    'GET /api/strategies/:id/performance': () => performance,
    'GET /api/strategies/:id': (_r, url) =>
      url.pathname.endsWith(NEW_ID) ? { ...strategy, id: NEW_ID, ownerId: 'x' } : strategy,
    'POST /api/strategies/:id/copy': copy,
  });
}

describe('LeaderboardStrategyPage', () => {
  it('shows summary metrics (weighted over all runs), the per-symbol breakdown and recent backtests', async () => {
    setup();
    renderRoute(`/leaderboard/${ID}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Golden cross' }, SLOW)).toBeInTheDocument();
    // (10·2 − 5) / 3 = 5 % average return over the three runs.
    expect(screen.getAllByText('+5.00%').length).toBeGreaterThan(0);
    expect(screen.getByRole('group', { name: '종목별 평균 수익률 막대 차트' })).toBeInTheDocument();
    const table = screen.getAllByRole('table')[0];
    expect(within(table).getByRole('rowheader', { name: 'GOOG' })).toBeInTheDocument();
  });

  it('copies only after confirmation, then links to the new private copy', async () => {
    const fetchMock = setup();
    const { user, router } = renderRoute(`/leaderboard/${ID}`);
    await user.click(await screen.findByRole('button', { name: '내 전략으로 복사' }, SLOW));
    let dialog = screen.getByRole('dialog', { name: '‘Golden cross’을(를) 복사할까요?' });
    expect(dialog).toHaveAccessibleDescription(/비공개 사본/);
    await user.click(within(dialog).getByRole('button', { name: '취소' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(callsTo(fetchMock, 'POST', `/api/strategies/${ID}/copy`)).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: '내 전략으로 복사' }));
    dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: '복사하기' }));
    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent('‘Golden cross (copy)’이(가) 내 전략에 추가되었습니다.');
    expect(callsTo(fetchMock, 'POST', `/api/strategies/${ID}/copy`)).toHaveLength(1);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    const link = within(status).getByRole('link', { name: /사본 열기/ });
    expect(link).toHaveAttribute('href', `/strategies/${NEW_ID}`);
    await user.click(link);
    await waitFor(() => expect(router.state.location.pathname).toBe(`/strategies/${NEW_ID}`));
  });

  it('keeps the dialog open with the API message when the copy fails', async () => {
    setup(() =>
      jsonResponse({ statusCode: 404, code: 'STRATEGY_NOT_FOUND', message: 'Strategy not found' }, 404),
    );
    const { user } = renderRoute(`/leaderboard/${ID}`);
    await user.click(await screen.findByRole('button', { name: '내 전략으로 복사' }, SLOW));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: '복사하기' }));
    const alert = await within(screen.getByRole('dialog')).findByRole('alert');
    expect(alert).toHaveTextContent('Strategy not found');
    expect(screen.queryByRole('link', { name: /사본 열기/ })).not.toBeInTheDocument();
  });
});

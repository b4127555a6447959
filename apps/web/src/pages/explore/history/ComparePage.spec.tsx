import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderRoute } from '../../../test/render';
import { SLOW, mockApi, signIn } from '../testing';

const run = (id: string, name: string, m: Record<string, number | null>) => ({
  id,
  status: 'completed',
  strategyName: name,
  symbol: 'SPY',
  from: '2020-01-01T00:00:00.000Z',
  to: '2021-01-01T00:00:00.000Z',
  returnPct: m.returnPct,
  sharpe: m.sharpe,
  cagrPct: m.cagrPct,
  maxDrawdownPct: m.maxDrawdownPct,
  metrics: { ...m, volatilityAnnPct: m.vol, trades: 3 },
});

describe('ComparePage', () => {
  it('highlights the best value per row and overlays the rebased equity curves with a legend', async () => {
    signIn();
    mockApi({
      'GET /api/backtests/:id/result': (_r, url) => {
        const id = url.pathname.split('/')[3];
        return {
          backtestId: id,
          equity: { t: [0, 1, 2], v: id === 'a' ? [1000, 1100, 1200] : [50, 45, 40] },
          drawdown: { t: [], v: [] },
          trades: [],
          openTrade: null,
          info: {},
        };
      },
      'GET /api/backtests/:id': (_r, url) =>
        url.pathname.endsWith('/a')
          ? run('a', 'Trend', { returnPct: 20, sharpe: 1.5, cagrPct: 10, maxDrawdownPct: -30, vol: 18 })
          : run('b', 'Reversion', { returnPct: -20, sharpe: 0.2, cagrPct: -9, maxDrawdownPct: -10, vol: 12 }),
    });
    renderRoute('/history/compare?ids=a,b');
    const table = await screen.findByRole('table', {}, SLOW);
    const rowOf = (label: string) => within(table).getByRole('rowheader', { name: label }).closest('tr')!;

    const returns = rowOf('수익률');
    expect(within(returns).getByText('+20.00%').closest('td')).toHaveClass('ex-best');
    expect(within(returns).getByText('-20.00%').closest('td')).not.toHaveClass('ex-best');
    // Drawdown: closest to zero wins; volatility: lowest wins.
    expect(within(rowOf('최대 낙폭(MDD)')).getByText('-10.00%').closest('td')).toHaveClass('ex-best');
    expect(within(rowOf('연 변동성')).getByText('12.00%').closest('td')).toHaveClass('ex-best');
    // Trade counts are not ranked.
    expect(rowOf('거래 수').querySelector('.ex-best')).toBeNull();

    expect(
      await screen.findByRole('img', { name: '시작을 100으로 맞춘 자산 곡선 비교 차트' }, SLOW),
    ).toBeInTheDocument();
    const legend = screen.getAllByRole('list').find((l) => l.classList.contains('ex-legend'))!;
    expect(within(legend).getByText('Trend · SPY')).toBeInTheDocument();
    expect(within(legend).getByText('Reversion · SPY')).toBeInTheDocument();
  });

  it('asks for two results when fewer are given', async () => {
    signIn();
    mockApi({});
    renderRoute('/history/compare?ids=a');
    expect(await screen.findByText('비교하려면 결과가 두 개 이상 필요합니다', {}, SLOW)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '기록에서 선택하기' })).toHaveAttribute('href', '/history');
  });
});

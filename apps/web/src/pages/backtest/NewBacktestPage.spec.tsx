import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { sessionResponse, signInForTest } from '../../auth/testing';
import { jsonResponse, mockFetch } from '../../test/http';
import { renderRoute } from '../../test/render';

vi.mock('../../realtime/socket', () => ({ getRealtimeSocket: () => null, onRealtimeSocketChange: () => () => {} }));

const TEMPLATES = [
  {
    id: 'sma-cross',
    name: 'SMA crossover',
    description: 'x',
    params: [
      { name: 'fast', type: 'integer', default: 10, min: 1, max: 1000, required: false },
      { name: 'slow', type: 'integer', default: 30, min: 2, max: 1000, required: false },
    ],
    constraints: ['fast < slow'],
    jsonSchema: {},
  },
];
const GOOG = {
  id: '22222222-2222-4222-8222-222222222222',
  ticker: 'GOOG',
  name: 'Google Inc.',
  market: 'us',
  currency: 'USD',
  timezone: 'America/New_York',
  timeframe: '1d',
  availableTimeframes: ['1d', '1w'],
  adjusted: true,
  source: null,
  visibility: 'public',
  ownedByMe: false,
  firstTime: '2004-08-19T00:00:00.000Z',
  lastTime: '2013-03-01T00:00:00.000Z',
  barCount: 2148,
  datasetVersion: 1,
  updatedAt: '2024-01-01T00:00:00.000Z',
};

function api(submit: (request: Request) => Response | Promise<Response>) {
  return mockFetch(async (request) => {
    const session = sessionResponse(request);
    if (session) return session;
    const { pathname } = new URL(request.url);
    if (pathname === '/api/strategies/templates') return jsonResponse(TEMPLATES);
    if (pathname === '/api/market-data/symbols') return jsonResponse({ symbols: [GOOG] });
    if (pathname === '/api/backtests/quote') return jsonResponse({ cost: 10, balance: 100, sufficient: true, days: 731 });
    if (pathname === '/api/backtests' && request.method === 'POST') return submit(request);
    if (pathname.startsWith('/api/backtests/')) return jsonResponse({ id: 'x', status: 'pending', progress: 0, progressStep: null, error: null });
    return jsonResponse({ statusCode: 404, code: 'NOT_FOUND', message: pathname }, 404);
  });
}

describe('new backtest page', () => {
  it('defaults to the last two years of the symbol, submits with an Idempotency-Key and opens the run', async () => {
    signInForTest();
    const bodies: unknown[] = [];
    const keys: (string | null)[] = [];
    api(async (request) => {
      keys.push(request.headers.get('Idempotency-Key'));
      bodies.push(await request.json());
      return jsonResponse({ id: '33333333-3333-4333-8333-333333333333', status: 'pending' }, 202);
    });
    const { user, router } = renderRoute('/backtest');
    expect(await screen.findByLabelText('시작일')).toHaveValue('2011-03-01');
    expect(screen.getByLabelText('종료일')).toHaveValue('2013-03-01');
    expect(screen.getByText(/봉 2,148개/)).toBeInTheDocument();
    expect(await screen.findByTestId('quote-cost')).toHaveTextContent('10 크레딧');
    await user.click(screen.getByRole('button', { name: '백테스트 실행' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/backtests/33333333-3333-4333-8333-333333333333'));
    expect(keys[0]).toMatch(/.{8,}/);
    expect(bodies[0]).toMatchObject({
      strategy: { kind: 'template', template: 'sma-cross', params: { fast: 10, slow: 30 } },
      symbol: GOOG.id,
      timeframe: '1d',
      from: '2011-03-01',
      to: '2013-03-01',
      cash: 10000,
      commission: 0.001,
      spread: 0,
      finalize: true,
      tradeOnClose: false,
    });
  });

  it('shows the API validation messages on the fields and the buy-credits path on 402', async () => {
    signInForTest();
    let call = 0;
    api(() => {
      call += 1;
      return call === 1
        ? jsonResponse({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'Invalid request', details: { fields: [{ field: 'cash', messages: ['cash must not be greater than 1000000000000'] }] } }, 400)
        : jsonResponse({ statusCode: 402, code: 'INSUFFICIENT_CREDITS', message: 'Not enough credits', details: { balance: 2, required: 10, cost: 10 } }, 402);
    });
    const { user } = renderRoute('/backtest');
    await screen.findByTestId('quote-cost');
    await user.click(screen.getByRole('button', { name: '백테스트 실행' }));
    expect(await screen.findByLabelText('초기 자금 (USD)')).toHaveAccessibleDescription(/cash must not be greater than 1000000000000/);
    await user.click(screen.getByRole('button', { name: '백테스트 실행' }));
    expect(await screen.findByText(/10 크레딧이 필요한데 2 크레딧이 있습니다/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '크레딧 구매' })).toHaveAttribute('href', '/credits');
  });

  it('does not submit rules that trade short without a short entry, then sends shortEntry', async () => {
    signInForTest();
    const bodies: Array<{ strategy: { rules: Record<string, unknown> } }> = [];
    api(async (request) => {
      bodies.push((await request.json()) as (typeof bodies)[number]);
      return jsonResponse({ id: '33333333-3333-4333-8333-333333333333', status: 'pending' }, 202);
    });
    const { user, router } = renderRoute('/backtest');
    await screen.findByTestId('quote-cost');
    await user.click(screen.getByRole('radio', { name: '규칙 직접 만들기' }));
    await user.click(screen.getByRole('checkbox', { name: '공매도도 함께 거래' }));
    await user.click(screen.getByRole('button', { name: '백테스트 실행' }));
    expect(await screen.findByText('공매도를 하려면 공매도 진입 조건이 하나 이상 필요합니다.')).toBeInTheDocument();
    expect(screen.getByText('표시된 항목을 고쳐 주세요.')).toBeInTheDocument();
    expect(bodies).toHaveLength(0);

    const shortEntry = screen.getByRole('group', { name: '공매도 진입 조건' });
    await user.click(within(shortEntry).getByRole('button', { name: /조건 추가/ }));
    await user.click(screen.getByRole('button', { name: '백테스트 실행' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/backtests/33333333-3333-4333-8333-333333333333'));
    expect(bodies[0].strategy).toMatchObject({
      kind: 'rules',
      rules: { shortEntry: { op: 'gt', left: { price: 'close' }, right: { indicator: 'sma', period: 50 } } },
    });
    expect(bodies[0].strategy.rules).not.toHaveProperty('shortExit');
  });
});

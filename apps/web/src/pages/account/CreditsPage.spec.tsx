import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { sessionResponse, signInForTest } from '../../auth/testing';
import { jsonResponse, mockFetch } from '../../test/http';
import { renderRoute } from '../../test/render';

const packages = {
  items: [
    { id: 'credits-30', name: '30 credits', credits: 30, priceWon: 9900 },
    { id: 'credits-100', name: '100 credits', credits: 100, priceWon: 29000 },
    { id: 'credits-350', name: '350 credits', credits: 350, priceWon: 99000 },
  ],
};
const order = (status: 'PENDING' | 'PAID') => ({
  orderId: 'sb_order_123',
  packageId: 'credits-100',
  orderName: '100 credits',
  credits: 100,
  amount: 29000,
  status,
  createdAt: '2024-05-01T00:00:00.000Z',
  checkout: { mode: 'sandbox', clientKey: null },
  payment:
    status === 'PAID'
      ? {
          paymentKey: 'pk_1',
          orderId: 'sb_order_123',
          status: 'DONE',
          method: '카드',
          totalAmount: 29000,
          balanceAmount: 29000,
          approvedAt: '2024-05-01T00:01:00.000Z',
          creditsGranted: 100,
          createdAt: '2024-05-01T00:01:00.000Z',
        }
      : null,
});

function api(options: { confirm?: () => Response } = {}) {
  let balance = 10;
  let paid = false;
  const calls: string[] = [];
  const fetchMock = mockFetch(async (request) => {
    const { pathname } = new URL(request.url);
    calls.push(`${request.method} ${pathname}`);
    const session = sessionResponse(request, undefined, balance);
    if (session) return session;
    if (pathname === '/api/payments/packages') return jsonResponse(packages);
    if (pathname === '/api/credits/ledger') {
      const items = [
        ...(paid
          ? [
              {
                id: '2',
                amount: 100,
                balanceAfter: 110,
                reason: 'purchase',
                referenceType: 'payment',
                referenceId: 'pk_1',
                note: null,
                createdAt: '2024-05-01T00:01:00.000Z',
              },
            ]
          : []),
        {
          id: '1',
          amount: -1,
          balanceAfter: 10,
          reason: 'backtest_charge',
          referenceType: 'backtest_job',
          referenceId: 'j',
          note: null,
          createdAt: '2024-04-30T00:00:00.000Z',
        },
      ];
      return jsonResponse({ items, total: items.length, limit: 10, offset: 0 });
    }
    if (pathname === '/api/payments/orders' && request.method === 'POST')
      return jsonResponse(order('PENDING'), 201);
    if (pathname === '/api/payments/orders/sb_order_123')
      return jsonResponse(order(paid ? 'PAID' : 'PENDING'));
    if (pathname === '/api/payments/sandbox/authorize')
      return jsonResponse({ paymentKey: 'pk_1', orderId: 'sb_order_123', amount: 29000 });
    if (pathname === '/api/payments/confirm') {
      const failure = options.confirm?.();
      if (failure) return failure;
      paid = true;
      balance = 110;
      return jsonResponse(order('PAID').payment);
    }
    return jsonResponse({ statusCode: 404, code: 'NOT_FOUND', message: 'x' }, 404);
  });
  return { fetchMock, calls };
}

describe('credits and checkout', () => {
  it('shows balance, packages with the per-credit price and a signed, labelled ledger', async () => {
    signInForTest();
    api();
    renderRoute('/credits');
    expect(await screen.findByTestId('credit-balance')).toHaveTextContent('10');
    const list = await screen.findByRole('list', { name: '크레딧 충전' });
    const items = within(list).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('₩9,900');
    expect(items[0]).toHaveTextContent('크레딧당 ₩330');
    expect(items[2]).toHaveTextContent('크레딧당 ₩283');
    expect(items[2]).toHaveTextContent('가장 저렴');
    const table = await screen.findByRole('table');
    expect(within(table).getByText('백테스트 사용')).toBeInTheDocument();
    expect(table.querySelector('.credit-amount--loss')).toHaveTextContent('-1 크레딧');
  });

  it('buys through the sandbox sheet: order → authorize → confirm → success, and the header balance goes up', async () => {
    signInForTest();
    const { calls } = api();
    const { user, router } = renderRoute('/credits');
    await waitFor(() => expect(screen.getByTestId('header-credits')).toHaveTextContent('10'));
    await user.click(await screen.findByRole('button', { name: '100 크레딧 ₩29,000에 구매' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/checkout/sandbox'));
    expect(router.state.location.search).toBe('?orderId=sb_order_123');
    expect(await screen.findByTestId('checkout-amount')).toHaveTextContent('₩29,000');

    await user.click(screen.getByRole('button', { name: '₩29,000 결제' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/checkout/success'));
    expect(await screen.findByTestId('credits-added')).toHaveTextContent('크레딧 100개가 충전되었습니다.');
    await waitFor(() => expect(screen.getByTestId('header-credits')).toHaveTextContent('110'));
    expect(calls).toEqual(
      expect.arrayContaining([
        'POST /api/payments/orders',
        'POST /api/payments/sandbox/authorize',
        'POST /api/payments/confirm',
      ]),
    );
    expect(calls.indexOf('POST /api/payments/sandbox/authorize')).toBeLessThan(
      calls.indexOf('POST /api/payments/confirm'),
    );
  });

  it('shows the API failure on the sheet and retries the confirm with the same authorization', async () => {
    signInForTest();
    let attempts = 0;
    const { calls } = api({
      confirm: () => {
        attempts++;
        return attempts === 1
          ? jsonResponse({ statusCode: 400, code: 'PAYMENT_REFUSED', message: 'Card declined' }, 400)
          : (undefined as unknown as Response);
      },
    });
    const { user, router } = renderRoute('/checkout/sandbox?orderId=sb_order_123');
    await user.click(await screen.findByRole('button', { name: '₩29,000 결제' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('결제가 거절되었습니다.');
    expect(alert).toHaveTextContent('PAYMENT_REFUSED');
    await user.click(screen.getByRole('button', { name: '₩29,000 결제' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/checkout/success'));
    expect(calls.filter((c) => c === 'POST /api/payments/sandbox/authorize')).toHaveLength(1);
    expect(calls.filter((c) => c === 'POST /api/payments/confirm')).toHaveLength(2);
  });
});

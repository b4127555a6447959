import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { sessionResponse, signInForTest } from '../../auth/testing';
import { jsonResponse, mockFetch } from '../../test/http';
import { renderRoute } from '../../test/render';

const payment = {
  paymentKey: 'pk_sandbox_1',
  orderId: 'sb_order_1',
  status: 'DONE',
  method: '카드',
  totalAmount: 29000,
  balanceAmount: 29000,
  approvedAt: '2024-05-01T01:00:00.000Z',
  creditsGranted: 100,
  createdAt: '2024-05-01T00:59:00.000Z',
};
const eligible = {
  eligible: true,
  message: { ko: '환불을 요청할 수 있습니다.', en: 'This payment can be refunded.' },
  refundAmount: 26100,
  refundableCredits: 90,
  heldForReview: false,
};
const refund = (status: string) => ({
  id: '11111111-1111-4111-8111-111111111111',
  paymentKey: 'pk_sandbox_1',
  status,
  kind: 'self_service',
  reason: 'Not needed',
  refundAmount: 26100,
  refundableCredits: 90,
  clawedBackCredits: status === 'approved' ? 90 : null,
  clawbackShortfall: 0,
  failureCode: null,
  failureMessage: null,
  rejectionReason: null,
  pgRefundId: null,
  createdAt: '2024-05-02T00:00:00.000Z',
  updatedAt: '2024-05-02T00:00:00.000Z',
  finishedAt: null,
});

function fakeSocket() {
  const handlers = new Map<string, Set<(...args: unknown[]) => void>>();
  const socket = {
    connected: true,
    on: (event: string, handler: (...args: never[]) => void) => {
      if (!handlers.has(event)) handlers.set(event, new Set());
      handlers.get(event)!.add(handler as (...args: unknown[]) => void);
    },
    off: (event: string, handler: (...args: never[]) => void) =>
      handlers.get(event)?.delete(handler as (...args: unknown[]) => void),
    emit: (event: string, payload: unknown) => handlers.get(event)?.forEach((h) => h(payload)),
  };
  return { socket, source: { get: () => socket, onChange: () => () => undefined } };
}

describe('refunds', () => {
  it('shows eligibility in the UI language and requests a refund after confirming amount and credits', async () => {
    signInForTest();
    const refunds: ReturnType<typeof refund>[] = [];
    const posts: { body: unknown; key: string | null }[] = [];
    mockFetch(async (request) => {
      const session = sessionResponse(request);
      if (session) return session;
      const { pathname } = new URL(request.url);
      if (pathname === '/api/payments') return jsonResponse({ items: [payment], total: 1 });
      if (pathname === '/api/payments/pk_sandbox_1/refund-eligibility')
        return jsonResponse(
          refunds.length
            ? {
                ...eligible,
                eligible: false,
                reason: 'REFUND_IN_PROGRESS',
                message: {
                  ko: '이미 처리 중인 환불 요청이 있습니다.',
                  en: 'A refund request is already in progress.',
                },
                refundAmount: 0,
                refundableCredits: 0,
              }
            : eligible,
        );
      if (pathname === '/api/refunds' && request.method === 'GET')
        return jsonResponse({ items: refunds, total: refunds.length, limit: 50, offset: 0 });
      if (pathname === '/api/refunds' && request.method === 'POST') {
        posts.push({ body: await request.json(), key: request.headers.get('Idempotency-Key') });
        refunds.push(refund('pending'));
        return jsonResponse(refund('pending'), 201);
      }
      return jsonResponse({ statusCode: 404, code: 'NOT_FOUND', message: 'x' }, 404);
    });
    const { user } = renderRoute('/refunds');

    const item = await screen.findByTestId('payment');
    expect(await within(item).findByText('환불을 요청할 수 있습니다.')).toBeInTheDocument();
    expect(within(item).getByText('환불 예정 ₩26,100 · 회수 90 크레딧')).toBeInTheDocument();

    await user.click(within(item).getByRole('button', { name: '₩29,000 결제 환불 요청' }));
    await user.click(within(item).getByRole('button', { name: '환불 요청하기' }));
    expect(within(item).getByLabelText(/환불 사유/)).toHaveAccessibleDescription(
      /환불 사유를 입력해 주세요./,
    );

    await user.type(within(item).getByLabelText(/환불 사유/), '  더 이상 필요하지 않습니다  ');
    await user.click(within(item).getByRole('button', { name: '환불 요청하기' }));
    const dialog = await screen.findByRole('dialog', { name: '환불을 요청할까요?' });
    expect(within(dialog).getByTestId('confirm-refund-amount')).toHaveTextContent('₩26,100');
    expect(within(dialog).getByTestId('confirm-refund-credits')).toHaveTextContent('90 크레딧');
    expect(posts).toHaveLength(0);

    await user.click(within(dialog).getByRole('button', { name: '요청하기' }));
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0].body).toEqual({ paymentId: 'pk_sandbox_1', reason: '더 이상 필요하지 않습니다' });
    expect(posts[0].key).toMatch(/^[0-9a-f-]{36}$/);
    expect(await screen.findByTestId('refund-request')).toHaveAttribute('data-status', 'pending');
    expect(screen.getByTestId('refund-request')).toHaveTextContent('접수됨');
    expect(
      await within(screen.getByTestId('payment')).findByText('이미 처리 중인 환불 요청이 있습니다.'),
    ).toBeInTheDocument();
  });

  it('shows the localized refusal of a 422 and keeps the Idempotency-Key for a retry', async () => {
    signInForTest();
    const keys: (string | null)[] = [];
    mockFetch((request) => {
      const session = sessionResponse(request);
      if (session) return session;
      const { pathname } = new URL(request.url);
      if (pathname === '/api/payments') return jsonResponse({ items: [payment], total: 1 });
      if (pathname.endsWith('/refund-eligibility')) return jsonResponse(eligible);
      if (pathname === '/api/refunds' && request.method === 'GET')
        return jsonResponse({ items: [], total: 0, limit: 50, offset: 0 });
      keys.push(request.headers.get('Idempotency-Key'));
      return jsonResponse(
        {
          statusCode: 422,
          code: 'CREDITS_USED',
          message: 'Not eligible',
          details: {
            message: {
              ko: '이 결제로 받은 크레딧을 모두 사용하여 환불할 수 없습니다.',
              en: 'The credits of this purchase have all been used.',
            },
          },
        },
        422,
      );
    });
    const { user } = renderRoute('/refunds');
    const item = await screen.findByTestId('payment');
    await user.click(await within(item).findByRole('button', { name: /환불 요청/ }));
    await user.type(within(item).getByLabelText(/환불 사유/), 'reason');
    await user.click(within(item).getByRole('button', { name: '환불 요청하기' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: '요청하기' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      '이 결제로 받은 크레딧을 모두 사용하여 환불할 수 없습니다.',
    );
    await user.click(within(dialog).getByRole('button', { name: '요청하기' }));
    await waitFor(() => expect(keys).toHaveLength(2));
    expect(keys[0]).toBe(keys[1]);
  });
});

describe('live refund status', () => {
  it('refetches the requests when refund.updated arrives and shows the live badge', async () => {
    const { default: RefundsPage } = await import('./RefundsPage');
    const { renderWithQuery } = await import('../../test/render');
    const { MemoryRouter } = await import('react-router-dom');
    signInForTest();
    let status = 'held';
    mockFetch((request) => {
      const session = sessionResponse(request);
      if (session) return session;
      const { pathname } = new URL(request.url);
      if (pathname === '/api/payments') return jsonResponse({ items: [], total: 0 });
      if (pathname === '/api/refunds')
        return jsonResponse({ items: [refund(status)], total: 1, limit: 50, offset: 0 });
      return jsonResponse({ statusCode: 404, code: 'NOT_FOUND', message: 'x' }, 404);
    });
    const { socket, source } = fakeSocket();
    renderWithQuery(
      <MemoryRouter>
        <RefundsPage socketSource={source} />
      </MemoryRouter>,
    );
    expect(await screen.findByTestId('refund-request')).toHaveAttribute('data-status', 'held');
    expect(screen.getByTestId('refund-live')).toHaveTextContent('실시간 업데이트');
    status = 'approved';
    act(() =>
      socket.emit('refund.updated', {
        refundId: refund('x').id,
        paymentKey: 'pk_sandbox_1',
        status: 'approved',
        refundAmount: 26100,
        failureCode: null,
        emittedAt: Date.now(),
      }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('refund-request')).toHaveAttribute('data-status', 'approved'),
    );
    expect(screen.getByTestId('refund-request')).toHaveTextContent('환불 완료');
  });
});

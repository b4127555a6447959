import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TEST_TRADER, sessionResponse, signInForTest } from '../../auth/testing';
import { jsonResponse, mockFetch } from '../../test/http';
import { renderRoute } from '../../test/render';

const SUPPORT = {
  ...TEST_TRADER,
  id: '00000000-0000-4000-8000-000000000005',
  email: 'support@stratbench.dev',
  role: 'support' as const,
};
const REFUND_ID = '22222222-2222-4222-8222-222222222222';
const refund = (status: string) => ({
  id: REFUND_ID,
  paymentKey: 'pk_big',
  status,
  kind: 'self_service',
  reason: 'Bought too much',
  refundAmount: 99000,
  refundableCredits: 350,
  clawedBackCredits: null,
  clawbackShortfall: 0,
  failureCode: null,
  failureMessage: null,
  rejectionReason: null,
  pgRefundId: null,
  createdAt: '2024-05-02T00:00:00.000Z',
  updatedAt: '2024-05-02T00:00:00.000Z',
  finishedAt: null,
  userId: TEST_TRADER.id,
  gatewayIdempotencyKey: 'idem-1',
  gatewayAttempt: 0,
  guardBalanceAmount: null,
  requestedBy: TEST_TRADER.id,
  reviewedBy: null,
  reviewedAt: null,
  completedVia: null,
});
const payment = {
  paymentKey: 'pk_big',
  orderId: 'o',
  status: 'DONE',
  method: '카드',
  totalAmount: 99000,
  balanceAmount: 99000,
  approvedAt: '2024-05-01T00:00:00.000Z',
  creditsGranted: 350,
  createdAt: '2024-05-01T00:00:00.000Z',
};

describe('support console', () => {
  it('is closed to traders', async () => {
    signInForTest();
    mockFetch((request) => sessionResponse(request) ?? jsonResponse({}, 404));
    renderRoute('/admin');
    expect(
      await screen.findByRole('heading', { level: 1, name: '접근 권한이 없습니다' }),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('navigation', { name: '주 메뉴' })).queryByRole('link', { name: '지원 콘솔' }),
    ).not.toBeInTheDocument();
  });

  it('lets support filter the queue, open a held refund and approve it after confirming', async () => {
    signInForTest();
    let status = 'held';
    const queries: string[] = [];
    const approvals: string[] = [];
    mockFetch((request) => {
      const session = sessionResponse(request, SUPPORT);
      if (session) return session;
      const url = new URL(request.url);
      if (url.pathname === '/api/admin/refunds') {
        queries.push(url.search);
        return jsonResponse({ items: [refund(status)], total: 1, limit: 20, offset: 0 });
      }
      if (url.pathname === `/api/admin/refunds/${REFUND_ID}`) {
        return jsonResponse({ refund: refund(status), payment, balance: 360, ledger: [], gatewayCalls: [] });
      }
      if (url.pathname === `/api/admin/refunds/${REFUND_ID}/approve`) {
        approvals.push(request.method);
        status = 'processing';
        return jsonResponse(refund('processing'));
      }
      return jsonResponse({ statusCode: 404, code: 'NOT_FOUND', message: 'x' }, 404);
    });
    const { user } = renderRoute('/admin');
    expect(await screen.findByRole('heading', { level: 1, name: /지원 콘솔/ })).toBeInTheDocument();
    const tabs = screen.getByRole('navigation', { name: '지원 콘솔 메뉴' });
    expect(within(tabs).queryByRole('link', { name: '감사 로그' })).not.toBeInTheDocument();
    expect(within(tabs).getByRole('link', { name: /Bull Board/ })).toHaveAttribute(
      'href',
      '/admin/queues?token=test-access',
    );

    await screen.findByTestId('admin-refund-row');
    await user.selectOptions(screen.getByLabelText('상태'), 'held');
    await user.click(screen.getByRole('button', { name: '적용' }));
    await waitFor(() => expect(queries.at(-1)).toContain('status=held'));

    await user.click(within(screen.getByTestId('admin-refund-row')).getAllByRole('link')[0]);
    expect(await screen.findByTestId('admin-refund-status')).toHaveTextContent('검토 대기');
    expect(screen.getByText('감사 로그는 관리자만 볼 수 있습니다.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '승인' }));
    const dialog = screen.getByRole('dialog', { name: '환불을 승인할까요?' });
    expect(dialog).toHaveTextContent('₩99,000');
    expect(dialog).toHaveTextContent('350');
    await user.click(within(dialog).getByRole('button', { name: '승인' }));
    await waitFor(() => expect(approvals).toEqual(['POST']));
    expect(await screen.findByTestId('admin-refund-status')).toHaveTextContent('처리 중');
  });
});

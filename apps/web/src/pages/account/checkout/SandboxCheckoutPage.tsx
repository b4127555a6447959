import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { client, unwrap } from '../../../api/client';
import { Badge, Button, EmptyState, ErrorState, LinkButton, Loading } from '../../../components';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useFormat } from '../../../lib/useFormat';
import { accountKeys } from '../keys';
import { FormAlert } from '../ui';
import { authorizeSandbox, confirmPayment, type ConfirmBody } from './flow';
import '../account.css';

/**
 * The sandbox gateway's payment sheet (stands in for the Toss widget): "Pay" authorizes the order at the
 * sandbox (POST /api/payments/sandbox/authorize), then confirms exactly like a real Toss payment.
 */
export default function SandboxCheckoutPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('acctCheckout.title'));
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const orderId = params.get('orderId') ?? '';
  // Kept across retries: an authorization is single use, so a failed confirm is retried with the same body.
  const authorization = useRef<ConfirmBody | null>(null);

  const order = useQuery({
    queryKey: accountKeys.order(orderId),
    queryFn: () => unwrap(client.GET('/api/payments/orders/{orderId}', { params: { path: { orderId } } })),
    enabled: orderId !== '',
  });

  const pay = useMutation({
    mutationFn: async () => {
      authorization.current ??= await authorizeSandbox(orderId);
      return confirmPayment(authorization.current, queryClient);
    },
    onSuccess: () => navigate(`/checkout/success?orderId=${encodeURIComponent(orderId)}`, { replace: true }),
  });

  if (!orderId) {
    return (
      <div className="page page--narrow">
        <EmptyState
          title={t('acctCheckout.noOrder')}
          action={<LinkButton to="/credits">{t('acctCheckout.backToCredits')}</LinkButton>}
        />
      </div>
    );
  }
  if (order.isPending) return <Loading block label={t('acctCheckout.loadingOrder')} />;
  if (order.isError) {
    return (
      <div className="page page--narrow">
        <ErrorState error={order.error} onRetry={() => void order.refetch()} />
      </div>
    );
  }
  if (order.data.status === 'PAID' && !pay.isPending && !pay.isSuccess) {
    return <Navigate to={`/checkout/success?orderId=${encodeURIComponent(orderId)}`} replace />;
  }

  const o = order.data;
  return (
    <div className="page checkout">
      <section className="pay-sheet" aria-labelledby="pay-sheet-title">
        <header className="pay-sheet__header">
          <span className="pay-sheet__merchant">{t('app.name')}</span>
          <Badge tone="warning">{t('acctCheckout.sandboxBadge')}</Badge>
        </header>
        <h1 id="pay-sheet-title" className="pay-sheet__title">
          {t('acctCheckout.title')}
        </h1>
        <dl className="pay-sheet__details">
          <div>
            <dt>{t('acctCheckout.product')}</dt>
            <dd>{t('acctCheckout.productName', { credits: format.integer(o.credits) })}</dd>
          </div>
          <div>
            <dt>{t('acctCheckout.orderId')}</dt>
            <dd>
              <code>{o.orderId}</code>
            </dd>
          </div>
          <div className="pay-sheet__total">
            <dt>{t('acctCheckout.amount')}</dt>
            <dd className="num" data-testid="checkout-amount">
              {format.currency(o.amount)}
            </dd>
          </div>
        </dl>
        <p className="pay-sheet__note">{t('acctCheckout.sandboxNote')}</p>
        <FormAlert
          error={pay.error}
          messages={{
            AMOUNT_MISMATCH: t('acctCheckout.error.AMOUNT_MISMATCH'),
            PAYMENT_REFUSED: t('acctCheckout.error.PAYMENT_REFUSED'),
            PAYMENT_OUTCOME_UNKNOWN: t('acctCheckout.error.PAYMENT_OUTCOME_UNKNOWN'),
          }}
        />
        <div className="pay-sheet__actions">
          <Button variant="secondary" size="lg" onClick={() => navigate('/credits')} disabled={pay.isPending}>
            {t('acctCommon.cancel')}
          </Button>
          <Button size="lg" onClick={() => pay.mutate()} loading={pay.isPending}>
            {t('acctCheckout.pay', { amount: format.currency(o.amount) })}
          </Button>
        </div>
      </section>
    </div>
  );
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { client, unwrap } from '../../../api/client';
import { useCreditBalance } from '../../../auth';
import { EmptyState, ErrorState, LinkButton, Loading } from '../../../components';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useFormat } from '../../../lib/useFormat';
import { accountKeys } from '../keys';
import { confirmPayment } from './flow';
import '../account.css';

/**
 * After a payment. The sandbox sheet has already confirmed and passes only `orderId`; the Toss widget would
 * redirect here with `paymentKey`, `orderId` and `amount`, and this page confirms (the same confirm call).
 */
export default function CheckoutSuccessPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('acctCheckout.successTitle'));
  const format = useFormat();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const orderId = params.get('orderId') ?? '';
  const paymentKey = params.get('paymentKey');
  const amount = Number(params.get('amount'));
  const balance = useCreditBalance();

  const order = useQuery({
    queryKey: [...accountKeys.order(orderId), 'settled'],
    queryFn: async () => {
      if (paymentKey) await confirmPayment({ paymentKey, orderId, amount }, queryClient);
      return unwrap(client.GET('/api/payments/orders/{orderId}', { params: { path: { orderId } } }));
    },
    enabled: orderId !== '',
    retry: false,
    staleTime: Infinity,
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
  if (order.isPending) return <Loading block label={t('acctCheckout.confirming')} />;
  if (order.isError) {
    return (
      <div className="page page--narrow">
        <ErrorState error={order.error} title={t('acctCheckout.failedTitle')} />
        <LinkButton to="/credits" variant="secondary">
          {t('acctCheckout.backToCredits')}
        </LinkButton>
      </div>
    );
  }
  const o = order.data;
  if (o.status !== 'PAID') {
    return (
      <div className="page page--narrow">
        <EmptyState
          title={t('acctCheckout.notPaidTitle')}
          description={t('acctCheckout.notPaidBody')}
          action={
            <LinkButton to={`/checkout/sandbox?orderId=${encodeURIComponent(orderId)}`}>
              {t('acctCheckout.payNow')}
            </LinkButton>
          }
        />
      </div>
    );
  }
  return (
    <div className="page checkout">
      <section className="pay-sheet pay-sheet--success" aria-labelledby="success-title">
        <div className="pay-sheet__check" aria-hidden="true">
          <svg viewBox="0 0 24 24">
            <path d="M5 12.5l4.5 4.5L19 7.5" />
          </svg>
        </div>
        <h1 id="success-title" className="pay-sheet__title">
          {t('acctCheckout.successTitle')}
        </h1>
        <p className="pay-sheet__added" data-testid="credits-added">
          {t('acctCheckout.creditsAdded', {
            credits: format.integer(o.payment?.creditsGranted ?? o.credits),
          })}
        </p>
        <dl className="pay-sheet__details">
          <div>
            <dt>{t('acctCheckout.amountPaid')}</dt>
            <dd className="num">{format.currency(o.payment?.totalAmount ?? o.amount)}</dd>
          </div>
          {o.payment?.method && (
            <div>
              <dt>{t('acctCheckout.method')}</dt>
              <dd>{o.payment.method}</dd>
            </div>
          )}
          <div>
            <dt>{t('acctCheckout.paidAt')}</dt>
            <dd>{format.dateTime(o.payment?.approvedAt ?? o.createdAt)}</dd>
          </div>
          <div>
            <dt>{t('acctCheckout.orderId')}</dt>
            <dd>
              <code>{o.orderId}</code>
            </dd>
          </div>
          <div className="pay-sheet__total">
            <dt>{t('acctCheckout.newBalance')}</dt>
            <dd className="num">
              {balance.data === undefined
                ? '…'
                : t('acctCheckout.creditsValue', { credits: format.integer(balance.data) })}
            </dd>
          </div>
        </dl>
        <div className="pay-sheet__actions">
          <LinkButton to="/credits" variant="secondary" size="lg">
            {t('acctCheckout.viewLedger')}
          </LinkButton>
          <LinkButton to="/backtest" size="lg">
            {t('acctCheckout.startBacktest')}
          </LinkButton>
        </div>
      </section>
    </div>
  );
}

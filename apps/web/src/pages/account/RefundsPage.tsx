import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { client, isApiError, unwrap, type Schema } from '../../api/client';
import { isRecord } from '../../api/errors';
import { Badge, Button, Card, EmptyState, ErrorState, LinkButton, Loading } from '../../components';
import { currentLanguage } from '../../i18n';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useFormat } from '../../lib/useFormat';
import { PaymentStatusBadge, RefundStatusBadge } from '../admin/refundUi';
import { accountKeys } from './keys';
import { ConfirmDialog, FormAlert, ReasonField, apiFieldErrors } from './ui';
import { useRefundUpdates, type RefundSocketSource } from './useRefundUpdates';
import './account.css';

type Payment = Schema<'PaymentDto'>;
type Eligibility = Schema<'RefundEligibilityDto'>;
type Refund = Schema<'RefundDto'>;

const OPEN_STATUSES: readonly Refund['status'][] = ['pending', 'held', 'processing'];
/** Polling fallback: quick while the socket is down, slow (a safety net) while it is up. */
const POLL_OFFLINE_MS = 3_000;
const POLL_ONLINE_MS = 15_000;

export const eligibilityKey = (paymentKey: string) => ['refunds', 'eligibility', paymentKey] as const;
export const refundListKey = ['refunds', 'list'] as const;

/** The localized text of `{ ko, en }` messages the refund API returns. */
export function localized(message: { ko: string; en: string } | undefined): string {
  if (!message) return '';
  return currentLanguage() === 'ko' ? message.ko : message.en;
}

/** A 422 from POST /api/refunds carries `details.message: { ko, en }`. */
function refusalMessage(error: unknown): string | undefined {
  if (!isApiError(error) || !isRecord(error.details)) return undefined;
  const m = error.details.message;
  return isRecord(m) && typeof m.ko === 'string' && typeof m.en === 'string'
    ? localized({ ko: m.ko, en: m.en })
    : undefined;
}

export default function RefundsPage({ socketSource }: { socketSource?: RefundSocketSource }) {
  const { t } = useTranslation();
  useDocumentTitle(t('acctRefunds.title'));
  const queryClient = useQueryClient();

  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: accountKeys.refunds });
    void queryClient.invalidateQueries({ queryKey: accountKeys.payments });
    void queryClient.invalidateQueries({ queryKey: accountKeys.credits });
  }, [queryClient]);
  const live = useRefundUpdates(refresh, refresh, socketSource);

  return (
    <div className="page">
      <div className="page__header">
        <h1 className="page__title">{t('acctRefunds.title')}</h1>
        <p className="page__lead">{t('acctRefunds.lead')}</p>
      </div>
      <RefundRequests live={live} />
      <Payments />
    </div>
  );
}

function RefundRequests({ live }: { live: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const refunds = useQuery({
    queryKey: refundListKey,
    queryFn: () => unwrap(client.GET('/api/refunds', { params: { query: { limit: 50 } } })),
    refetchInterval: (query) =>
      query.state.data?.items.some((r) => OPEN_STATUSES.includes(r.status))
        ? live
          ? POLL_ONLINE_MS
          : POLL_OFFLINE_MS
        : false,
  });

  if (refunds.isPending) return <Loading label={t('acctRefunds.loadingRequests')} />;
  if (refunds.isError) return <ErrorState error={refunds.error} onRetry={() => void refunds.refetch()} />;
  if (refunds.data.items.length === 0) return null;
  return (
    <Card
      title={t('acctRefunds.requestsTitle')}
      actions={
        <Badge tone={live ? 'success' : 'neutral'} dot data-testid="refund-live">
          {live ? t('acctRefunds.live') : t('acctRefunds.polling')}
        </Badge>
      }
    >
      <ul className="refund-list" aria-live="polite">
        {refunds.data.items.map((r) => (
          <li key={r.id} className="refund-item" data-testid="refund-request" data-status={r.status}>
            <div className="refund-item__head">
              <strong className="num">{format.currency(r.refundAmount)}</strong>
              <RefundStatusBadge status={r.status} />
            </div>
            <p className="refund-item__help">{t(`acctRefunds.statusHelp.${r.status}`)}</p>
            <p className="refund-item__meta">
              {t('acctRefunds.requestedOn', { date: format.dateTime(r.createdAt) })}
              {r.finishedAt && <> · {t('acctRefunds.finishedOn', { date: format.dateTime(r.finishedAt) })}</>}
              {' · '}
              {t('acctRefunds.clawedBack', {
                credits: format.integer(r.clawedBackCredits ?? r.refundableCredits),
              })}
            </p>
            {r.rejectionReason && (
              <p className="refund-item__problem">
                {t('acctRefunds.rejectionReason', { reason: r.rejectionReason })}
              </p>
            )}
            {r.status === 'failed' && r.failureMessage && (
              <p className="refund-item__problem">
                {t('acctRefunds.failure', { message: r.failureMessage })}
              </p>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}

function Payments() {
  const { t } = useTranslation();
  const payments = useQuery({
    queryKey: accountKeys.paymentList(0, 20),
    queryFn: () => unwrap(client.GET('/api/payments', { params: { query: { limit: 20 } } })),
  });
  return (
    <Card title={t('acctRefunds.paymentsTitle')}>
      {payments.isPending ? (
        <Loading label={t('acctRefunds.loadingPayments')} />
      ) : payments.isError ? (
        <ErrorState error={payments.error} onRetry={() => void payments.refetch()} />
      ) : payments.data.items.length === 0 ? (
        <EmptyState
          title={t('acctRefunds.noPayments')}
          description={t('acctRefunds.noPaymentsBody')}
          action={<LinkButton to="/credits">{t('acctRefunds.buyCredits')}</LinkButton>}
        />
      ) : (
        <ul className="refund-list">
          {payments.data.items.map((p) => (
            <PaymentItem key={p.paymentKey} payment={p} />
          ))}
        </ul>
      )}
    </Card>
  );
}

function PaymentItem({ payment }: { payment: Payment }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [formOpen, setFormOpen] = useState(false);
  const eligibility = useQuery({
    queryKey: eligibilityKey(payment.paymentKey),
    queryFn: () =>
      unwrap(
        client.GET('/api/payments/{id}/refund-eligibility', { params: { path: { id: payment.paymentKey } } }),
      ),
    enabled: payment.status !== 'READY' && payment.status !== 'IN_PROGRESS',
  });
  const e = eligibility.data;
  return (
    <li className="refund-item" data-testid="payment" data-payment-key={payment.paymentKey}>
      <div className="refund-item__head">
        <strong>
          {t('acctRefunds.paymentTitle', {
            amount: format.currency(payment.totalAmount),
            credits: format.integer(payment.creditsGranted),
          })}
        </strong>
        <PaymentStatusBadge status={payment.status} />
      </div>
      <p className="refund-item__meta">
        {t('acctRefunds.paidOn', { date: format.dateTime(payment.approvedAt ?? payment.createdAt) })}
      </p>
      {eligibility.isPending && eligibility.fetchStatus !== 'idle' ? (
        <p className="refund-item__meta">{t('acctRefunds.checking')}</p>
      ) : eligibility.isError ? (
        <FormAlert error={eligibility.error} />
      ) : e ? (
        <div className={`eligibility eligibility--${e.eligible ? 'yes' : 'no'}`} data-testid="eligibility">
          <p>{localized(e.message)}</p>
          {e.eligible && (
            <p className="eligibility__amount">
              {t('acctRefunds.eligibleAmount', {
                amount: format.currency(e.refundAmount),
                credits: format.integer(e.refundableCredits),
              })}
            </p>
          )}
        </div>
      ) : null}
      {e?.eligible &&
        (formOpen ? (
          <RefundRequestForm payment={payment} eligibility={e} onDone={() => setFormOpen(false)} />
        ) : (
          <div>
            <Button
              variant="secondary"
              size="sm"
              onClick={() => setFormOpen(true)}
              aria-label={t('acctRefunds.requestLabel', { amount: format.currency(payment.totalAmount) })}
            >
              {t('acctRefunds.request')}
            </Button>
          </div>
        ))}
    </li>
  );
}

export interface RefundRequestFormProps {
  payment: Pick<Payment, 'paymentKey' | 'totalAmount'>;
  eligibility: Eligibility;
  onDone(refund: Refund | null): void;
}

/** Reason → confirmation (refund amount and credits taken back) → POST /api/refunds with an Idempotency-Key. */
export function RefundRequestForm({ payment, eligibility, onDone }: RefundRequestFormProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  // One key per form: a retry after a lost answer replays the same request instead of creating another.
  const idempotencyKey = useRef(crypto.randomUUID());

  const request = useMutation({
    mutationFn: (body: Schema<'CreateRefundDto'>) =>
      unwrap(
        client.POST('/api/refunds', {
          body,
          params: { header: { 'idempotency-key': idempotencyKey.current } },
        }),
      ),
    onSuccess: (refund) => {
      setConfirming(false);
      void queryClient.invalidateQueries({ queryKey: accountKeys.refunds });
      void queryClient.invalidateQueries({ queryKey: accountKeys.credits });
      onDone(refund);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setLocal(t('acctRefunds.reasonRequired'));
      return;
    }
    setLocal(null);
    request.reset();
    setConfirming(true);
  };

  const refusal = refusalMessage(request.error);
  return (
    <form className="form refund-form" onSubmit={submit} noValidate aria-label={t('acctRefunds.formTitle')}>
      <ReasonField
        label={t('acctRefunds.reason')}
        hint={t('acctRefunds.reasonHint')}
        value={reason}
        onChange={setReason}
        errors={local ? [local] : confirming ? undefined : apiFieldErrors(request.error, 'reason')}
      />
      {!confirming && request.error ? (
        refusal ? (
          <p className="form-alert" role="alert">
            {refusal}
          </p>
        ) : (
          <FormAlert error={request.error} fields={['reason']} />
        )
      ) : null}
      <div className="refund-form__actions">
        <Button variant="ghost" onClick={() => onDone(null)}>
          {t('acctCommon.cancel')}
        </Button>
        <Button type="submit">{t('acctRefunds.submit')}</Button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('acctRefunds.confirmTitle')}
        confirmLabel={t('acctRefunds.confirm')}
        confirmVariant="danger"
        busy={request.isPending}
        onConfirm={() => request.mutate({ paymentId: payment.paymentKey, reason: reason.trim() })}
        onCancel={() => setConfirming(false)}
      >
        <dl className="pay-sheet__details">
          <div>
            <dt>{t('acctRefunds.confirmRefund')}</dt>
            <dd className="num" data-testid="confirm-refund-amount">
              {format.currency(eligibility.refundAmount)}
            </dd>
          </div>
          <div>
            <dt>{t('acctRefunds.confirmCredits')}</dt>
            <dd className="num" data-testid="confirm-refund-credits">
              {t('acctCommon.creditsValue', { credits: format.integer(eligibility.refundableCredits) })}
            </dd>
          </div>
        </dl>
        {eligibility.heldForReview && <p>{t('acctRefunds.heldNote')}</p>}
        <p>{t('acctRefunds.confirmNote')}</p>
        {request.error ? (
          refusal ? (
            <p className="form-alert" role="alert">
              {refusal}
            </p>
          ) : (
            <FormAlert error={request.error} />
          )
        ) : null}
      </ConfirmDialog>
    </form>
  );
}

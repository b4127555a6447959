import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { client, unwrap, type Schema } from '../../api/client';
import { useAuth } from '../../auth';
import { Badge, Button, Card, ErrorState, Loading } from '../../components';
import { useFormat } from '../../lib/useFormat';
import { CreditAmount, LedgerReason } from '../account/ledger';
import { ConfirmDialog, FormAlert, ReasonField, apiFieldErrors } from '../account/ui';
import { JsonDiff } from './AdminAuditPage';
import { adminKeys } from './keys';
import { PaymentStatusBadge, RefundStatusBadge } from './refundUi';

type Detail = Schema<'AdminRefundDetailDto'>;
type Action = 'approve' | 'reject' | 'retry';

/** Which actions the server allows from a status (INVALID_REFUND_TRANSITION otherwise). */
const ACTIONS: Record<string, Action[]> = {
  held: ['approve', 'reject'],
  pending: ['reject'],
  failed: ['retry'],
};

export default function AdminRefundDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const detail = useQuery({
    queryKey: adminKeys.refund(id),
    queryFn: () => unwrap(client.GET('/api/admin/refunds/{id}', { params: { path: { id } } })),
    // While the worker is on it, follow along.
    refetchInterval: (q) =>
      q.state.data && ['pending', 'processing'].includes(q.state.data.refund.status) ? 2_000 : false,
  });
  if (detail.isPending) return <Loading block label={t('acctAdmin.loadingRefund')} />;
  if (detail.isError) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  return (
    <div className="admin-grid">
      <Summary detail={detail.data} />
      <Actions detail={detail.data} />
      <PaymentCard detail={detail.data} />
      <LedgerCard detail={detail.data} />
      <GatewayCalls detail={detail.data} />
      <AuditTrail refundId={id} />
    </div>
  );
}

function Summary({ detail }: { detail: Detail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const r = detail.refund;
  return (
    <Card
      title={t('acctAdmin.refundTitle')}
      className="admin-grid__wide"
      actions={
        <Link to="/admin" className="card__link">
          {t('acctAdmin.backToQueue')}
        </Link>
      }
    >
      <dl className="facts">
        <div>
          <dt>{t('acctAdmin.colStatus')}</dt>
          <dd data-testid="admin-refund-status">
            <RefundStatusBadge status={r.status} />
          </dd>
        </div>
        <div>
          <dt>{t('acctAdmin.refundAmount')}</dt>
          <dd className="num">
            <strong>{format.currency(r.refundAmount)}</strong>
          </dd>
        </div>
        <div>
          <dt>{t('acctAdmin.creditsBack')}</dt>
          <dd className="num">
            {t('acctCommon.creditsValue', {
              credits: format.integer(r.clawedBackCredits ?? r.refundableCredits),
            })}
            {r.clawbackShortfall > 0 && (
              <span className="data-table__sub">
                {t('acctAdmin.shortfall')}: {format.integer(r.clawbackShortfall)}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('acctAdmin.colKind')}</dt>
          <dd>{t(`acctAdmin.kind.${r.kind}`)}</dd>
        </div>
        <div>
          <dt>{t('acctAdmin.colUser')}</dt>
          <dd>
            <Link to={`/admin/users/${r.userId}`}>
              <code>{r.userId}</code>
            </Link>
          </dd>
        </div>
        <div>
          <dt>{t('acctAdmin.colRequested')}</dt>
          <dd>{format.dateTime(r.createdAt)}</dd>
        </div>
        <div className="facts__wide">
          <dt>{t('acctAdmin.userReason')}</dt>
          <dd>“{r.reason}”</dd>
        </div>
        {r.rejectionReason && (
          <div className="facts__wide">
            <dt>{t('acctAdmin.rejectionReason')}</dt>
            <dd>“{r.rejectionReason}”</dd>
          </div>
        )}
        {r.failureCode && (
          <div className="facts__wide">
            <dt>{t('acctAdmin.failure')}</dt>
            <dd>
              <code>{r.failureCode}</code> {r.failureMessage}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('acctAdmin.attempt')}</dt>
          <dd className="num">{format.integer(r.gatewayAttempt)}</dd>
        </div>
        {r.reviewedAt && (
          <div>
            <dt>{t('acctAdmin.reviewedBy')}</dt>
            <dd>
              <code>{r.reviewedBy?.slice(0, 8)}</code> · {format.dateTime(r.reviewedAt)}
            </dd>
          </div>
        )}
        {r.completedVia && (
          <div>
            <dt>{t('acctAdmin.completedVia')}</dt>
            <dd>{r.completedVia}</dd>
          </div>
        )}
      </dl>
    </Card>
  );
}

function Actions({ detail }: { detail: Detail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const r = detail.refund;
  const [action, setAction] = useState<Action | null>(null);
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: async (a: Action) => {
      const path = { params: { path: { id: r.id } } };
      if (a === 'approve') return unwrap(client.POST('/api/admin/refunds/{id}/approve', path));
      if (a === 'retry') return unwrap(client.POST('/api/admin/refunds/{id}/retry', path));
      return unwrap(
        client.POST('/api/admin/refunds/{id}/reject', { ...path, body: { reason: reason.trim() } }),
      );
    },
    onSuccess: () => {
      setAction(null);
      setReason('');
      void queryClient.invalidateQueries({ queryKey: adminKeys.all });
    },
  });
  const available = ACTIONS[r.status] ?? [];
  const close = () => {
    setAction(null);
    setLocal(null);
    run.reset();
  };
  const confirm = () => {
    if (action === 'reject' && reason.trim().length < 3) {
      setLocal(t('acctAdmin.reasonRequired'));
      return;
    }
    setLocal(null);
    if (action) run.mutate(action);
  };
  return (
    <Card title={t('acctAdmin.actionsTitle')} className="admin-grid__wide">
      {available.length === 0 ? (
        <p className="form__note">{t('acctAdmin.noActions')}</p>
      ) : (
        <div className="action-row">
          {available.map((a) => (
            <Button key={a} variant={a === 'reject' ? 'danger' : 'primary'} onClick={() => setAction(a)}>
              {t(`acctAdmin.${a}`)}
            </Button>
          ))}
        </div>
      )}
      <ConfirmDialog
        open={action !== null}
        title={
          action
            ? t(
                `acctAdmin.confirm${action === 'approve' ? 'Approve' : action === 'reject' ? 'Reject' : 'Retry'}`,
              )
            : ''
        }
        confirmLabel={action ? t(`acctAdmin.${action}`) : ''}
        confirmVariant={action === 'reject' ? 'danger' : 'primary'}
        busy={run.isPending}
        onConfirm={confirm}
        onCancel={close}
      >
        {action === 'approve' && (
          <p>
            {t('acctAdmin.confirmApproveBody', {
              amount: format.currency(r.refundAmount),
              credits: format.integer(r.refundableCredits),
            })}
          </p>
        )}
        {action === 'retry' && <p>{t('acctAdmin.confirmRetryBody')}</p>}
        {action === 'reject' && (
          <ReasonField
            label={t('acctAdmin.actionReason')}
            value={reason}
            onChange={setReason}
            errors={local ? [local] : apiFieldErrors(run.error, 'reason')}
          />
        )}
        {action !== 'reject' && <p className="form__note">{t('acctAdmin.auditedNote')}</p>}
        <FormAlert error={run.error} fields={['reason']} />
      </ConfirmDialog>
    </Card>
  );
}

function PaymentCard({ detail }: { detail: Detail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const p = detail.payment;
  return (
    <Card title={t('acctAdmin.paymentTitle')}>
      <dl className="facts">
        <div>
          <dt>{t('acctAdmin.paymentAmount')}</dt>
          <dd className="num">{format.currency(p.totalAmount)}</dd>
        </div>
        <div>
          <dt>{t('acctAdmin.cancellable')}</dt>
          <dd className="num">{format.currency(p.balanceAmount)}</dd>
        </div>
        <div>
          <dt>{t('acctAdmin.colStatus')}</dt>
          <dd>
            <PaymentStatusBadge status={p.status} />
          </dd>
        </div>
        <div>
          <dt>{t('acctCheckout.paidAt')}</dt>
          <dd>{format.dateTime(p.approvedAt)}</dd>
        </div>
        <div>
          <dt>{t('acctCheckout.product')}</dt>
          <dd>{t('acctCommon.creditsValue', { credits: format.integer(p.creditsGranted) })}</dd>
        </div>
        <div>
          <dt>{t('acctAdmin.balanceNow')}</dt>
          <dd className="num">{t('acctCommon.creditsValue', { credits: format.integer(detail.balance) })}</dd>
        </div>
        <div className="facts__wide">
          <dt>{t('acctAdmin.paymentKey')}</dt>
          <dd>
            <code>{p.paymentKey}</code>
          </dd>
        </div>
      </dl>
    </Card>
  );
}

function LedgerCard({ detail }: { detail: Detail }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Card title={t('acctAdmin.ledgerTitle')}>
      {detail.ledger.length === 0 ? (
        <p className="form__note">{t('acctCredits.ledgerEmpty')}</p>
      ) : (
        <ul className="mini-list">
          {detail.ledger.map((e) => (
            <li key={e.id}>
              <span className="mini-list__main">
                <LedgerReason entry={e} />
                <span className="mini-list__sub">
                  {format.dateTime(e.createdAt)} · {t('acctCredits.colBalance')}{' '}
                  {format.integer(e.balanceAfter)}
                </span>
              </span>
              <CreditAmount amount={e.amount} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

const OUTCOME_TONES = { ok: 'success', refused: 'danger', unknown: 'warning', sent: 'neutral' } as const;

function GatewayCalls({ detail }: { detail: Detail }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Card title={t('acctAdmin.gatewayTitle')} className="admin-grid__wide">
      {detail.gatewayCalls.length === 0 ? (
        <p className="form__note">{t('acctAdmin.noGatewayCalls')}</p>
      ) : (
        <ol className="audit-list">
          {detail.gatewayCalls.map((c) => (
            <li key={c.id} className="audit-item">
              <div className="audit-item__head">
                <span>
                  <code className="audit-item__action">{c.operation}</code>{' '}
                  <Badge tone={OUTCOME_TONES[c.outcome as keyof typeof OUTCOME_TONES] ?? 'neutral'}>
                    {c.outcome}
                  </Badge>{' '}
                  {c.httpStatus !== null && <code>HTTP {c.httpStatus}</code>}
                </span>
                <time className="audit-item__time" dateTime={c.startedAt}>
                  {format.dateTime(c.startedAt)} · {format.ms(c.durationMs)}
                </time>
              </div>
              {(c.errorCode || c.errorMessage) && (
                <p className="refund-item__problem">
                  <code>{c.errorCode}</code> {c.errorMessage}
                </p>
              )}
              {c.idempotencyKey && (
                <p className="audit-item__meta">
                  Idempotency-Key: <code>{c.idempotencyKey}</code>
                </p>
              )}
              <JsonDiff
                before={c.request}
                after={c.response}
                labels={[t('acctAdmin.request'), t('acctAdmin.response')]}
              />
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

function AuditTrail({ refundId }: { refundId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { isAdmin } = useAuth();
  const audit = useQuery({
    queryKey: adminKeys.audit({ targetType: 'refund', targetId: refundId }),
    queryFn: () =>
      unwrap(
        client.GET('/api/admin/audit', {
          params: { query: { targetType: 'refund', targetId: refundId, limit: 50 } },
        }),
      ),
    enabled: isAdmin,
  });
  return (
    <Card title={t('acctAdmin.auditTrail')} className="admin-grid__wide">
      {!isAdmin ? (
        <p className="form__note">{t('acctAdmin.auditAdminOnly')}</p>
      ) : audit.isPending ? (
        <Loading label={t('acctAdmin.loadingAudit')} />
      ) : audit.isError ? (
        <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />
      ) : audit.data.items.length === 0 ? (
        <p className="form__note">{t('acctAdmin.noAuditTrail')}</p>
      ) : (
        <ol className="audit-list">
          {audit.data.items.map((entry) => (
            <li key={entry.id} className="audit-item">
              <div className="audit-item__head">
                <code className="audit-item__action">{entry.action}</code>
                <time className="audit-item__time" dateTime={entry.at}>
                  {format.dateTime(entry.at)}
                </time>
              </div>
              <p className="audit-item__meta">
                {t('acctAdmin.auditActor')}: <code>{entry.actorId ?? t('acctAdmin.system')}</code>
              </p>
              <JsonDiff before={entry.before} after={entry.after} />
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { client, unwrap, type Schema } from '../../api/client';
import { useAuth } from '../../auth';
import { Badge, Button, Card, EmptyState, ErrorState, Field, Loading } from '../../components';
import { useFormat } from '../../lib/useFormat';
import { CreditAmount, LedgerReason } from '../account/ledger';
import { ConfirmDialog, FormAlert, ReasonField, apiFieldErrors } from '../account/ui';
import { adminKeys } from './keys';
import { PaymentStatusBadge } from './refundUi';
import { UserRecentJobs } from './UserRecentJobs';

type AdminUser = Schema<'AdminUserDto'>;
type Payment = Schema<'PaymentDto'>;
const PLANS = ['free', 'basic', 'pro'] as const;
const ROLES = ['trader', 'support', 'admin'] as const;

export default function AdminUserPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { isAdmin } = useAuth();
  const user = useQuery({
    queryKey: adminKeys.user(id),
    queryFn: () => unwrap(client.GET('/api/admin/users/{id}', { params: { path: { id } } })),
  });
  if (user.isPending) return <Loading block label={t('acctAdmin.loadingUser')} />;
  if (user.isError) return <ErrorState error={user.error} onRetry={() => void user.refetch()} />;
  return (
    <div className="admin-grid">
      <Profile user={user.data} />
      {isAdmin ? (
        <>
          <AccessForm user={user.data} />
          <AdjustCreditsForm user={user.data} />
        </>
      ) : (
        <p className="form__note admin-grid__wide">{t('acctAdmin.adminOnlyEdits')}</p>
      )}
      <UserPayments userId={id} />
      <UserLedger userId={id} />
      <UserRecentJobs userId={id} />
    </div>
  );
}

function Profile({ user }: { user: AdminUser }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { isAdmin } = useAuth();
  return (
    <Card
      title={user.displayName}
      className="admin-grid__wide"
      actions={
        <Link to="/admin/users" className="card__link">
          {t('acctAdmin.backToUsers')}
        </Link>
      }
    >
      <dl className="facts">
        <div>
          <dt>{t('acctAuth.email')}</dt>
          <dd>{user.email}</dd>
        </div>
        <div>
          <dt>{t('acctAdmin.colRole')}</dt>
          <dd>
            <Badge tone={user.role === 'trader' ? 'neutral' : 'info'}>
              {t(`acctCommon.role.${user.role}`)}
            </Badge>
          </dd>
        </div>
        <div>
          <dt>{t('account.plan')}</dt>
          <dd>{t(`acctCommon.plan.${user.plan}`)}</dd>
        </div>
        <div>
          <dt>{t('acctAdmin.colBalance')}</dt>
          <dd className="num" data-testid="admin-user-balance">
            {t('acctCommon.creditsValue', { credits: format.integer(user.balance) })}
          </dd>
        </div>
        <div>
          <dt>{t('acctAdmin.colJoined')}</dt>
          <dd>{format.dateTime(user.createdAt)}</dd>
        </div>
        <div>
          <dt>{t('acctAdmin.userId')}</dt>
          <dd>
            <code>{user.id}</code>
          </dd>
        </div>
      </dl>
      <p className="facts__links">
        <Link to={`/admin?userId=${user.id}`}>{t('acctAdmin.userRefunds')}</Link>
        {isAdmin && <Link to={`/admin/audit?targetId=${user.id}`}>{t('acctAdmin.userAudit')}</Link>}
      </p>
    </Card>
  );
}

function AccessForm({ user }: { user: AdminUser }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [plan, setPlan] = useState(user.plan);
  const [role, setRole] = useState(user.role);
  const [confirming, setConfirming] = useState(false);
  const save = useMutation({
    mutationFn: (body: Schema<'UpdateUserAccessDto'>) =>
      unwrap(client.PATCH('/api/admin/users/{id}', { params: { path: { id: user.id } }, body })),
    onSuccess: (updated) => {
      setConfirming(false);
      queryClient.setQueryData(adminKeys.user(user.id), updated);
      void queryClient.invalidateQueries({ queryKey: adminKeys.all });
    },
  });
  const changed = plan !== user.plan || role !== user.role;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (changed) setConfirming(true);
  };
  return (
    <Card title={t('acctAdmin.accessTitle')}>
      <form className="form" onSubmit={submit}>
        <Field label={t('account.plan')} errors={apiFieldErrors(save.error, 'plan')}>
          {(control) => (
            <select {...control} value={plan} onChange={(e) => setPlan(e.target.value as AdminUser['plan'])}>
              {PLANS.map((p) => (
                <option key={p} value={p}>
                  {t(`acctCommon.plan.${p}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('acctAdmin.colRole')} errors={apiFieldErrors(save.error, 'role')}>
          {(control) => (
            <select {...control} value={role} onChange={(e) => setRole(e.target.value as AdminUser['role'])}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`acctCommon.role.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {save.isSuccess && !changed && (
          <p className="form__note" role="status">
            {t('acctAdmin.saved')}
          </p>
        )}
        <Button type="submit" disabled={!changed}>
          {t('acctAdmin.saveAccess')}
        </Button>
      </form>
      <ConfirmDialog
        open={confirming}
        title={t('acctAdmin.confirmAccessTitle')}
        confirmLabel={t('acctAdmin.saveAccess')}
        busy={save.isPending}
        onConfirm={() =>
          save.mutate({ ...(plan !== user.plan ? { plan } : {}), ...(role !== user.role ? { role } : {}) })
        }
        onCancel={() => {
          setConfirming(false);
          save.reset();
        }}
      >
        <ul className="change-list">
          {plan !== user.plan && (
            <li>
              {t('account.plan')}: {t(`acctCommon.plan.${user.plan}`)} →{' '}
              <strong>{t(`acctCommon.plan.${plan}`)}</strong>
            </li>
          )}
          {role !== user.role && (
            <li>
              {t('acctAdmin.colRole')}: {t(`acctCommon.role.${user.role}`)} →{' '}
              <strong>{t(`acctCommon.role.${role}`)}</strong>
            </li>
          )}
        </ul>
        <p>{t('acctAdmin.auditedNote')}</p>
        <FormAlert error={save.error} />
      </ConfirmDialog>
    </Card>
  );
}

function AdjustCreditsForm({ user }: { user: AdminUser }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<{ amount?: string; reason?: string }>({});
  const [pending, setPending] = useState<Schema<'AdjustCreditsDto'> | null>(null);
  const adjust = useMutation({
    mutationFn: (body: Schema<'AdjustCreditsDto'>) =>
      unwrap(client.POST('/api/admin/users/{id}/credits', { params: { path: { id: user.id } }, body })),
    onSuccess: () => {
      setPending(null);
      setAmount('');
      setReason('');
      void queryClient.invalidateQueries({ queryKey: adminKeys.user(user.id) });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = Number(amount);
    const problems = {
      amount: !Number.isInteger(value) || value === 0 ? t('acctAdmin.amountInvalid') : undefined,
      reason: reason.trim().length < 3 ? t('acctAdmin.reasonRequired') : undefined,
    };
    setLocal(problems);
    if (problems.amount || problems.reason) return;
    // One key per confirmed intent: a retried click after a network error changes nothing twice.
    setPending({ amount: value, reason: reason.trim(), idempotencyKey: crypto.randomUUID() });
  };
  return (
    <Card title={t('acctAdmin.adjustTitle')}>
      <form className="form" onSubmit={submit} noValidate>
        <Field
          label={t('acctAdmin.adjustAmount')}
          type="number"
          inputMode="numeric"
          step={1}
          name="amount"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          hint={t('acctAdmin.adjustHint')}
          errors={local.amount ? [local.amount] : apiFieldErrors(adjust.error, 'amount')}
        />
        <Field
          label={t('acctAdmin.reason')}
          errors={local.reason ? [local.reason] : apiFieldErrors(adjust.error, 'reason')}
        >
          {(control) => (
            <textarea {...control} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          )}
        </Field>
        {adjust.isSuccess && (
          <p className="form__note" role="status">
            {t('acctAdmin.adjusted', { credits: format.integer(adjust.data.balance) })}
          </p>
        )}
        <Button type="submit">{t('acctAdmin.adjust')}</Button>
      </form>
      <ConfirmDialog
        open={pending !== null}
        title={t('acctAdmin.confirmAdjustTitle')}
        confirmLabel={t('acctAdmin.adjust')}
        confirmVariant={pending && pending.amount < 0 ? 'danger' : 'primary'}
        busy={adjust.isPending}
        onConfirm={() => pending && adjust.mutate(pending)}
        onCancel={() => {
          setPending(null);
          adjust.reset();
        }}
      >
        {pending && (
          <p>
            {t('acctAdmin.confirmAdjustBody', { email: user.email })} <CreditAmount amount={pending.amount} />
          </p>
        )}
        <p className="form__note">“{pending?.reason}”</p>
        <FormAlert error={adjust.error} />
      </ConfirmDialog>
    </Card>
  );
}

function UserPayments({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [goodwill, setGoodwill] = useState<Payment | null>(null);
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  const refund = useMutation({
    mutationFn: ({ paymentKey, reason }: { paymentKey: string; reason: string }) =>
      unwrap(
        client.POST('/api/admin/payments/{id}/refund', {
          params: { path: { id: paymentKey } },
          body: { reason, overridePolicy: true },
        }),
      ),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.all });
      void navigate(`/admin/refunds/${created.id}`);
    },
  });
  const payments = useQuery({
    queryKey: adminKeys.userPayments(userId),
    queryFn: () => unwrap(client.GET('/api/payments', { params: { query: { userId, limit: 10 } } })),
  });
  return (
    <Card title={t('acctAdmin.paymentsTitle')}>
      {payments.isPending ? (
        <Loading label={t('common.loading')} />
      ) : payments.isError ? (
        <ErrorState error={payments.error} onRetry={() => void payments.refetch()} />
      ) : payments.data.items.length === 0 ? (
        <EmptyState title={t('acctAdmin.noPayments')} />
      ) : (
        <ul className="mini-list">
          {payments.data.items.map((p) => (
            <li key={p.paymentKey}>
              <span className="mini-list__main">
                <span>
                  <strong className="num">{format.currency(p.totalAmount)}</strong> ·{' '}
                  {t('acctCommon.creditsValue', { credits: format.integer(p.creditsGranted) })}
                </span>
                <span className="mini-list__sub">{format.dateTime(p.approvedAt ?? p.createdAt)}</span>
              </span>
              <span className="mini-list__end">
                <PaymentStatusBadge status={p.status} />
                {(p.status === 'DONE' || p.status === 'PARTIAL_CANCELED') && p.balanceAmount > 0 && (
                  <Button variant="ghost" size="sm" onClick={() => setGoodwill(p)}>
                    {t('acctAdmin.goodwill')}
                  </Button>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={goodwill !== null}
        title={t('acctAdmin.goodwillTitle')}
        confirmLabel={t('acctAdmin.goodwill')}
        confirmVariant="danger"
        busy={refund.isPending}
        onConfirm={() => {
          if (reason.trim().length < 10) return setLocal(t('acctAdmin.goodwillReasonShort'));
          setLocal(null);
          if (goodwill) refund.mutate({ paymentKey: goodwill.paymentKey, reason: reason.trim() });
        }}
        onCancel={() => {
          setGoodwill(null);
          setLocal(null);
          refund.reset();
        }}
      >
        <p>{t('acctAdmin.goodwillBody', { amount: format.currency(goodwill?.balanceAmount) })}</p>
        <ReasonField
          label={t('acctAdmin.actionReason')}
          value={reason}
          onChange={setReason}
          errors={local ? [local] : apiFieldErrors(refund.error, 'reason')}
        />
        <FormAlert error={refund.error} fields={['reason']} />
      </ConfirmDialog>
    </Card>
  );
}

function UserLedger({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const ledger = useQuery({
    queryKey: adminKeys.userLedger(userId),
    queryFn: () => unwrap(client.GET('/api/credits/ledger', { params: { query: { userId, limit: 10 } } })),
  });
  return (
    <Card title={t('acctAdmin.ledgerTitle')}>
      {ledger.isPending ? (
        <Loading label={t('common.loading')} />
      ) : ledger.isError ? (
        <ErrorState error={ledger.error} onRetry={() => void ledger.refetch()} />
      ) : ledger.data.items.length === 0 ? (
        <EmptyState title={t('acctCredits.ledgerEmpty')} />
      ) : (
        <ul className="mini-list">
          {ledger.data.items.map((e) => (
            <li key={e.id}>
              <span className="mini-list__main">
                <LedgerReason entry={e} />
                <span className="mini-list__sub">{format.dateTime(e.createdAt)}</span>
              </span>
              <CreditAmount amount={e.amount} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

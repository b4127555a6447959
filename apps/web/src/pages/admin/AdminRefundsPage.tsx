import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { client, unwrap } from '../../api/client';
import { Button, Card, EmptyState, ErrorState, Field, Loading } from '../../components';
import { useFormat } from '../../lib/useFormat';
import { Pagination } from '../account/ui';
import { adminKeys } from './keys';
import { nonEmptyFilters, readFilters } from './filterParams';
import { REFUND_STATUSES, RefundStatusBadge, type RefundStatus } from './refundUi';

const PAGE = 20;
const FILTERS = ['status', 'userId', 'from', 'to'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A yyyy-mm-dd from the date input → the start of that local day, or of the next day for `to`. */
function dayBoundary(day: string, nextDay: boolean): string | undefined {
  if (!day) return undefined;
  const date = new Date(`${day}T00:00:00`);
  if (Number.isNaN(date.getTime())) return undefined;
  if (nextDay) date.setDate(date.getDate() + 1);
  return date.toISOString();
}

export default function AdminRefundsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const filters: Filters = readFilters(params, FILTERS);
  const offset = Number(params.get('offset') ?? 0) || 0;
  const [draft, setDraft] = useState<Filters>(filters);
  const [userIdError, setUserIdError] = useState<string | null>(null);

  const query = {
    status: (REFUND_STATUSES as readonly string[]).includes(filters.status)
      ? (filters.status as RefundStatus)
      : undefined,
    userId: filters.userId || undefined,
    from: dayBoundary(filters.from, false),
    to: dayBoundary(filters.to, true),
    limit: PAGE,
    offset,
  };
  const refunds = useQuery({
    queryKey: adminKeys.refunds(query),
    queryFn: () => unwrap(client.GET('/api/admin/refunds', { params: { query } })),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });

  const apply = (next: Filters) => setParams(nonEmptyFilters(FILTERS, next));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const userId = draft.userId.trim();
    if (userId && !UUID.test(userId)) {
      setUserIdError(t('acctAdmin.userIdInvalid'));
      return;
    }
    setUserIdError(null);
    apply({ ...draft, userId });
  };
  const set = (f: keyof Filters) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [f]: e.target.value }));

  return (
    <Card title={t('acctAdmin.refundsTitle')}>
      <form
        className="form form--filters"
        onSubmit={submit}
        role="search"
        aria-label={t('acctAdmin.filters')}
      >
        <Field label={t('acctAdmin.status')}>
          {(control) => (
            <select {...control} value={draft.status} onChange={set('status')}>
              <option value="">{t('acctAdmin.allStatuses')}</option>
              {REFUND_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`acctCommon.refundStatus.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label={t('acctAdmin.userIdFilter')}
          value={draft.userId}
          onChange={set('userId')}
          errors={userIdError ? [userIdError] : undefined}
        />
        <Field
          label={t('acctAdmin.from')}
          type="date"
          value={draft.from}
          onChange={set('from')}
          max={draft.to || undefined}
        />
        <Field
          label={t('acctAdmin.to')}
          type="date"
          value={draft.to}
          onChange={set('to')}
          min={draft.from || undefined}
        />
        <div className="form__buttons">
          <Button type="submit">{t('acctAdmin.applyFilters')}</Button>
          <Button
            variant="ghost"
            onClick={() => {
              const empty = { status: '', userId: '', from: '', to: '' };
              setDraft(empty);
              apply(empty);
            }}
          >
            {t('acctAdmin.clearFilters')}
          </Button>
        </div>
      </form>
      {refunds.isPending ? (
        <Loading label={t('acctAdmin.loadingRefunds')} />
      ) : refunds.isError ? (
        <ErrorState error={refunds.error} onRetry={() => void refunds.refetch()} />
      ) : refunds.data.items.length === 0 ? (
        <EmptyState title={t('acctAdmin.noRefunds')} />
      ) : (
        <>
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">{t('acctAdmin.refundsTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('acctAdmin.colRequested')}</th>
                  <th scope="col">{t('acctAdmin.colStatus')}</th>
                  <th scope="col" className="data-table__num">
                    {t('acctAdmin.colAmount')}
                  </th>
                  <th scope="col">{t('acctAdmin.colKind')}</th>
                  <th scope="col">{t('acctAdmin.colUser')}</th>
                </tr>
              </thead>
              <tbody>
                {refunds.data.items.map((r) => (
                  <tr key={r.id} data-testid="admin-refund-row" data-status={r.status}>
                    <td className="data-table__date">
                      <Link to={`/admin/refunds/${r.id}`} className="data-table__primary">
                        {format.dateTime(r.createdAt)}
                      </Link>
                      <span className="data-table__sub">{r.reason}</span>
                    </td>
                    <td>
                      <RefundStatusBadge status={r.status} />
                    </td>
                    <td className="data-table__num num">
                      {format.currency(r.refundAmount)}
                      <span className="data-table__sub">
                        {t('acctCommon.creditsValue', { credits: format.integer(r.refundableCredits) })}
                      </span>
                    </td>
                    <td>{t(`acctAdmin.kind.${r.kind}`)}</td>
                    <td>
                      <Link to={`/admin/users/${r.userId}`}>
                        <code>{r.userId.slice(0, 8)}</code>
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            offset={offset}
            limit={PAGE}
            total={refunds.data.total}
            busy={refunds.isPlaceholderData}
            onChange={(next) =>
              setParams({
                ...nonEmptyFilters(FILTERS, filters),
                offset: String(next),
              })
            }
          />
        </>
      )}
    </Card>
  );
}

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { client, unwrap } from '../../api/client';
import { Badge, Button, Card, EmptyState, ErrorState, Field, Loading } from '../../components';
import { useFormat } from '../../lib/useFormat';
import { Pagination } from '../account/ui';
import { adminKeys } from './keys';

const PAGE = 20;

export default function AdminUsersPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const email = params.get('email') ?? '';
  const offset = Number(params.get('offset') ?? 0) || 0;
  const [draft, setDraft] = useState(email);

  const users = useQuery({
    queryKey: adminKeys.users(email, offset),
    queryFn: () =>
      unwrap(
        client.GET('/api/admin/users', {
          params: { query: { email: email || undefined, limit: PAGE, offset } },
        }),
      ),
    placeholderData: keepPreviousData,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setParams(draft.trim() ? { email: draft.trim() } : {});
  };

  return (
    <Card title={t('acctAdmin.usersTitle')}>
      <form className="form form--inline" role="search" onSubmit={submit}>
        <Field
          label={t('acctAdmin.searchEmail')}
          type="search"
          name="email"
          placeholder="trader@example.com"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          hint={t('acctAdmin.searchHint')}
        />
        <Button type="submit">{t('acctAdmin.search')}</Button>
      </form>
      {users.isPending ? (
        <Loading label={t('acctAdmin.loadingUsers')} />
      ) : users.isError ? (
        <ErrorState error={users.error} onRetry={() => void users.refetch()} />
      ) : users.data.items.length === 0 ? (
        <EmptyState title={t('acctAdmin.noUsers')} />
      ) : (
        <>
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">{t('acctAdmin.usersTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('acctAdmin.colUser')}</th>
                  <th scope="col">{t('acctAdmin.colRole')}</th>
                  <th scope="col">{t('account.plan')}</th>
                  <th scope="col" className="data-table__num">
                    {t('acctAdmin.colBalance')}
                  </th>
                  <th scope="col">{t('acctAdmin.colJoined')}</th>
                </tr>
              </thead>
              <tbody>
                {users.data.items.map((u) => (
                  <tr key={u.id}>
                    <td>
                      <Link to={`/admin/users/${u.id}`} className="data-table__primary">
                        {u.email}
                      </Link>
                      <span className="data-table__sub">{u.displayName}</span>
                    </td>
                    <td>
                      <Badge tone={u.role === 'trader' ? 'neutral' : 'info'}>
                        {t(`acctCommon.role.${u.role}`)}
                      </Badge>
                    </td>
                    <td>{t(`acctCommon.plan.${u.plan}`)}</td>
                    <td className="data-table__num num">
                      {t('acctCommon.creditsValue', { credits: format.integer(u.balance) })}
                    </td>
                    <td className="data-table__date">{format.date(u.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            offset={offset}
            limit={PAGE}
            total={users.data.total}
            busy={users.isPlaceholderData}
            onChange={(next) => setParams({ ...(email ? { email } : {}), offset: String(next) })}
          />
        </>
      )}
    </Card>
  );
}

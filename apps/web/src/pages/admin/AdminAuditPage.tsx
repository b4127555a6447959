import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { client, unwrap } from '../../api/client';
import { Button, Card, EmptyState, ErrorState, Field, Loading } from '../../components';
import { useFormat } from '../../lib/useFormat';
import { Pagination } from '../account/ui';
import { adminKeys } from './keys';
import { nonEmptyFilters, readFilters } from './filterParams';

const PAGE = 20;
const FILTERS = ['action', 'targetType', 'targetId'] as const;

export function JsonDiff({
  before,
  after,
  labels,
}: {
  before: unknown;
  after: unknown;
  labels?: [string, string];
}) {
  const { t } = useTranslation();
  if (before == null && after == null) return null;
  const [beforeLabel, afterLabel] = labels ?? [t('acctAdmin.before'), t('acctAdmin.after')];
  return (
    <details className="json-diff">
      <summary>{labels ? t('acctAdmin.callDetails') : t('acctAdmin.changes')}</summary>
      <div className="json-diff__cols">
        <div>
          <p className="json-diff__label">{beforeLabel}</p>
          <pre>{before == null ? '—' : JSON.stringify(before, null, 2)}</pre>
        </div>
        <div>
          <p className="json-diff__label">{afterLabel}</p>
          <pre>{after == null ? '—' : JSON.stringify(after, null, 2)}</pre>
        </div>
      </div>
    </details>
  );
}

export default function AdminAuditPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params, FILTERS);
  const offset = Number(params.get('offset') ?? 0) || 0;
  const [draft, setDraft] = useState(filters);

  const query = {
    ...nonEmptyFilters(FILTERS, filters),
    limit: PAGE,
    offset,
  };
  const audit = useQuery({
    queryKey: adminKeys.audit(query),
    queryFn: () => unwrap(client.GET('/api/admin/audit', { params: { query } })),
    placeholderData: keepPreviousData,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setParams(Object.fromEntries(FILTERS.filter((f) => draft[f].trim()).map((f) => [f, draft[f].trim()])));
  };

  return (
    <Card title={t('acctAdmin.auditTitle')}>
      <form
        className="form form--filters"
        onSubmit={submit}
        role="search"
        aria-label={t('acctAdmin.auditFilters')}
      >
        <Field
          label={t('acctAdmin.auditAction')}
          placeholder="credits.adjust"
          value={draft.action}
          onChange={(e) => setDraft({ ...draft, action: e.target.value })}
        />
        <Field
          label={t('acctAdmin.auditTargetType')}
          placeholder="user"
          value={draft.targetType}
          onChange={(e) => setDraft({ ...draft, targetType: e.target.value })}
        />
        <Field
          label={t('acctAdmin.auditTargetId')}
          value={draft.targetId}
          onChange={(e) => setDraft({ ...draft, targetId: e.target.value })}
        />
        <Button type="submit">{t('acctAdmin.applyFilters')}</Button>
      </form>
      {audit.isPending ? (
        <Loading label={t('acctAdmin.loadingAudit')} />
      ) : audit.isError ? (
        <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />
      ) : audit.data.items.length === 0 ? (
        <EmptyState title={t('acctAdmin.noAudit')} />
      ) : (
        <>
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
                  {t('acctAdmin.auditActor')}: <code>{entry.actorId ?? t('acctAdmin.system')}</code> ·{' '}
                  {entry.targetType} <code>{entry.targetId}</code>
                </p>
                <JsonDiff before={entry.before} after={entry.after} />
              </li>
            ))}
          </ol>
          <Pagination
            offset={offset}
            limit={PAGE}
            total={audit.data.total}
            busy={audit.isPlaceholderData}
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

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { client, unwrap } from '../../../api/client';
import { Badge, Card, EmptyState, ErrorState, LinkButton, Loading } from '../../../components';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useTemplateNames } from '../leaderboard/api';
import { Pagination } from '../shared/Pagination';
import { specLine } from '../shared/SpecSummary';
import { intParam, useSearchState } from '../shared/searchState';
import { useExploreFormat } from '../shared/units';
import '../shared/explore.css';

export const STRATEGIES_PAGE_SIZE = 20;
const DEFAULTS = { offset: '0' };

export function runBacktestHref(strategyId: string): string {
  return `/backtest?strategyId=${encodeURIComponent(strategyId)}`;
}

export default function StrategiesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('exStrategies.title'));
  const format = useExploreFormat();
  const { get, update } = useSearchState(DEFAULTS);
  const offset = intParam(get('offset'), 0);

  const list = useQuery({
    queryKey: ['explore', 'strategies', 'mine', offset],
    queryFn: () =>
      unwrap(
        client.GET('/api/strategies', {
          params: { query: { scope: 'mine', limit: STRATEGIES_PAGE_SIZE, offset } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const templates = useQuery({
    queryKey: ['explore', 'templates'],
    queryFn: () => unwrap(client.GET('/api/strategies/templates')),
    staleTime: Infinity,
  });
  const templateName = useTemplateNames(templates.data);

  return (
    <div className="page ex-page">
      <header className="page__header ex-detail-head">
        <div>
          <h1 className="page__title">{t('exStrategies.title')}</h1>
          <p className="page__lead">{t('exStrategies.lead')}</p>
        </div>
        <div className="ex-detail-head__actions">
          <LinkButton to="/leaderboard" variant="secondary">
            {t('exStrategies.browseLeaderboard')}
          </LinkButton>
        </div>
      </header>

      {list.isPending ? (
        <Loading block label={t('exStrategies.loading')} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.total === 0 ? (
        <EmptyState
          icon="🧩"
          title={t('exStrategies.emptyTitle')}
          description={t('exStrategies.emptyBody')}
          action={
            <div className="ex-actions">
              <LinkButton to="/backtest">{t('exStrategies.emptyCta')}</LinkButton>
              <LinkButton to="/leaderboard" variant="secondary">
                {t('exStrategies.browseLeaderboard')}
              </LinkButton>
            </div>
          }
        />
      ) : (
        <>
          <ul className="ex-cards" aria-label={t('exStrategies.listLabel')}>
            {list.data.items.map((s) => (
              <li key={s.id}>
                <Card className="ex-strategy-card">
                  <div className="ex-strategy-card__head">
                    <h2 className="ex-strategy-card__title">
                      <Link to={`/strategies/${s.id}`}>{s.name}</Link>
                    </h2>
                    <Badge tone={s.visibility === 'public' ? 'info' : 'neutral'}>
                      {s.visibility === 'public' ? t('exCommon.public') : t('exCommon.private')}
                    </Badge>
                  </div>
                  <p className="ex-strategy-card__spec">
                    {specLine(s.spec as Record<string, unknown>, templateName, t('exCommon.rules'))}
                  </p>
                  {s.description && <p className="ex-strategy-card__desc">{s.description}</p>}
                  <dl className="ex-meta">
                    <div>
                      <dt>{t('exStrategies.created')}</dt>
                      <dd>{format.date(s.createdAt)}</dd>
                    </div>
                    {s.copiedFrom && (
                      <div>
                        <dt>{t('exStrategies.copiedFrom')}</dt>
                        <dd>
                          <Link to={`/leaderboard/${s.copiedFrom}`}>{t('exStrategies.original')}</Link>
                        </dd>
                      </div>
                    )}
                    {s.visibility === 'public' && (
                      <div>
                        <dt>{t('exStrategies.copies')}</dt>
                        <dd className="num">{format.integer(s.copyCount)}</dd>
                      </div>
                    )}
                  </dl>
                  <div className="ex-actions">
                    <LinkButton to={runBacktestHref(s.id)} size="sm">
                      {t('exStrategies.run')}
                    </LinkButton>
                    <LinkButton
                      to={`/strategies/${s.id}`}
                      size="sm"
                      variant="secondary"
                      aria-label={t('exStrategies.editNamed', { name: s.name })}
                    >
                      {t('exStrategies.edit')}
                    </LinkButton>
                  </div>
                </Card>
              </li>
            ))}
          </ul>
          <Pagination
            total={list.data.total}
            limit={STRATEGIES_PAGE_SIZE}
            offset={offset}
            onChange={(next) => update({ offset: next })}
          />
        </>
      )}
    </div>
  );
}

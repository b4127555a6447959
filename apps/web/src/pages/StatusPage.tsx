import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client, isApiError, unwrap, type ApiError, type Schema } from '../api/client';
import { isRecord } from '../api/errors';
import { Badge, ErrorState, Loading, Spinner } from '../components';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { useFormat } from '../lib/useFormat';

type Dependency = Schema<'DependencyStatusDto'>;

export const READINESS_QUERY_KEY = ['health', 'ready'] as const;
export const READINESS_REFRESH_MS = 5_000;

function fetchReadiness() {
  return unwrap(client.GET('/health/ready'));
}

function isDependency(value: unknown): value is Dependency {
  return (
    isRecord(value) &&
    typeof value.name === 'string' &&
    typeof value.ok === 'boolean' &&
    typeof value.latencyMs === 'number'
  );
}

/** A 503 DEPENDENCY_UNAVAILABLE still reports every dependency in `details.dependencies`. */
function dependenciesFromError(error: ApiError): Dependency[] | null {
  if (error.code !== 'DEPENDENCY_UNAVAILABLE' || !isRecord(error.details)) return null;
  const list = error.details.dependencies;
  return Array.isArray(list) && list.every(isDependency) ? list : null;
}

const KNOWN: readonly string[] = ['postgres', 'redis', 'queue'] satisfies Dependency['name'][];

function DependencyRow({ dependency }: { dependency: Dependency }) {
  const { t } = useTranslation();
  const format = useFormat();
  const name = KNOWN.includes(dependency.name) ? t(`status.dependency.${dependency.name}`) : dependency.name;

  return (
    <li className={`dependency ${dependency.ok ? 'dependency--ok' : 'dependency--failed'}`}>
      <div className="dependency__main">
        <span className="dependency__name">{name}</span>
        {dependency.error && <span className="dependency__error">{dependency.error}</span>}
      </div>
      <div className="dependency__latency">
        <span className="dependency__latency-label">{t('status.latency')}</span>
        <span className="num">{format.ms(dependency.latencyMs)}</span>
      </div>
      <Badge tone={dependency.ok ? 'success' : 'danger'} dot className="dependency__badge">
        {dependency.ok ? t('status.ok') : t('status.failed')}
      </Badge>
    </li>
  );
}

export default function StatusPage() {
  const { t } = useTranslation();
  const format = useFormat();
  useDocumentTitle(t('status.title'));

  const query = useQuery({
    queryKey: READINESS_QUERY_KEY,
    queryFn: fetchReadiness,
    refetchInterval: READINESS_REFRESH_MS,
    // The 5 s poll is the retry; a 503 should show at once.
    retry: false,
    staleTime: 0,
  });

  // After a failed poll react-query keeps the old data; show whichever answer is newer.
  const errorIsLatest = query.isError && query.errorUpdatedAt >= query.dataUpdatedAt;
  const apiError = errorIsLatest && isApiError(query.error) ? query.error : null;
  const failedDependencies = apiError ? dependenciesFromError(apiError) : null;
  const dependencies = errorIsLatest ? failedDependencies : (query.data?.dependencies ?? null);
  const checkedAt = Math.max(query.dataUpdatedAt, query.errorUpdatedAt);

  let content;
  if (dependencies) {
    const healthy = !errorIsLatest && dependencies.every((d) => d.ok);
    content = (
      <>
        <div
          className={`status-banner ${healthy ? 'status-banner--ok' : 'status-banner--failed'}`}
          role="status"
        >
          <span className="status-banner__dot" aria-hidden="true" />
          <div>
            <p className="status-banner__title">
              {healthy ? t('status.allOperational') : t('status.degraded')}
            </p>
            {apiError && <p className="status-banner__message">{apiError.message}</p>}
          </div>
        </div>
        <ul className="dependencies" aria-label={t('status.listLabel')}>
          {dependencies.map((dependency) => (
            <DependencyRow key={dependency.name} dependency={dependency} />
          ))}
        </ul>
      </>
    );
  } else if (errorIsLatest) {
    content = <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  } else {
    content = <Loading block label={t('status.loading')} />;
  }

  return (
    <div className="page page--narrow">
      <header className="page__header">
        <h1 className="page__title">{t('status.title')}</h1>
        <p className="page__lead">{t('status.intro')}</p>
        <p className="status-meta">
          <span>{t('status.autoRefresh')}</span>
          {checkedAt > 0 && (
            <span className="status-meta__checked">
              {t('status.lastChecked', { time: format.time(checkedAt) })}
              {/* Always rendered (hidden when idle) so the line does not shift on every poll. */}
              <span
                className="status-meta__refreshing"
                data-active={query.isFetching}
                title={t('status.refreshing')}
              >
                <Spinner size="sm" />
              </span>
            </span>
          )}
        </p>
      </header>
      {content}
    </div>
  );
}

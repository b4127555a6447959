import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { client, unwrap } from '../../api/client';
import { Card, EmptyState, ErrorState, Loading } from '../../components';
import { formatPercentValue } from '../../lib/metrics';
import { useFormat } from '../../lib/useFormat';
import { StatusBadge } from '../explore/shared/StatusBadge';
import { adminKeys } from './keys';

const RECENT = 10;

const gainOrLoss = (value: number | null) =>
  value === null || value === 0 ? undefined : { color: value > 0 ? 'var(--color-gain)' : 'var(--color-loss)' };

/** Support console: a user's latest backtests (staff read them through `GET /api/backtests?userId=`). */
export function UserRecentJobs({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const jobs = useQuery({
    queryKey: [...adminKeys.user(userId), 'backtests'],
    queryFn: () => unwrap(client.GET('/api/backtests', { params: { query: { userId, limit: RECENT } } })),
  });
  return (
    <Card title={t('staffJobs.title')} className="admin-grid__wide" data-testid="admin-user-jobs">
      {jobs.isPending ? (
        <Loading label={t('common.loading')} />
      ) : jobs.isError ? (
        <ErrorState error={jobs.error} onRetry={() => void jobs.refetch()} />
      ) : jobs.data.items.length === 0 ? (
        <EmptyState title={t('staffJobs.empty')} />
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('staffJobs.colStatus')}</th>
                <th scope="col">{t('staffJobs.colSymbol')}</th>
                <th scope="col">{t('staffJobs.colStrategy')}</th>
                <th scope="col" className="data-table__num">
                  {t('staffJobs.colReturn')}
                </th>
                <th scope="col" className="data-table__num">
                  {t('staffJobs.colSharpe')}
                </th>
                <th scope="col">{t('staffJobs.colCreated')}</th>
              </tr>
            </thead>
            <tbody>
              {jobs.data.items.map((job) => (
                <tr key={job.id}>
                  <td>
                    <StatusBadge status={job.status} />
                  </td>
                  <td>
                    <Link
                      to={`/backtests/${job.id}`}
                      aria-label={t('staffJobs.open', { symbol: job.symbol, strategy: job.strategyName })}
                    >
                      {job.symbol}
                    </Link>{' '}
                    <span className="data-table__sub">{job.timeframe}</span>
                  </td>
                  <td>{job.strategyName}</td>
                  <td className="data-table__num" style={gainOrLoss(job.returnPct)}>
                    {formatPercentValue(job.returnPct, format.language, { signed: true })}
                  </td>
                  <td className="data-table__num">{format.ratio(job.sharpe)}</td>
                  <td className="data-table__date">{format.dateTime(job.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {jobs.data.total > jobs.data.items.length && (
            <p className="form__note">
              {t('staffJobs.more', { shown: jobs.data.items.length, total: jobs.data.total })}
            </p>
          )}
        </div>
      )}
    </Card>
  );
}

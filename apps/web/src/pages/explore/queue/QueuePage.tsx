import { useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { client, unwrap, type Schema } from '../../../api/client';
import { useAccessToken, useAuth } from '../../../auth';
import { Badge, Card, EmptyState, ErrorState, Loading, ProgressBar } from '../../../components';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import {
  BACKTEST_EVENTS,
  getRealtimeSocket,
  onRealtimeSocketChange,
  type RealtimeSocket,
} from '../../../realtime';
import { LineChart } from '../shared/charts';
import { Stat } from '../shared/Stat';
import { StatusBadge } from '../shared/StatusBadge';
import { toneOf, useExploreFormat } from '../shared/units';
import { pushSample, toSample, type QueueSample } from './buffer';
import '../shared/explore.css';

/** How often the dashboard polls (and how often a socket event may trigger an extra refresh). */
export const QUEUE_REFRESH_MS = 2_500;
const BOARD_URL = '/admin/queues';

type QueueJob = Schema<'QueueJobDto'>;
const PLANS = ['pro', 'basic', 'free'] as const;

/** Refetches the job lists as soon as one of the caller's backtests moves (the socket reaches owners only). */
function useLiveJobEvents(onEvent: () => void) {
  useEffect(() => {
    const events = Object.values(BACKTEST_EVENTS);
    let socket: RealtimeSocket | null = null;
    const attach = (next: RealtimeSocket | null) => {
      for (const name of events) socket?.off(name, onEvent);
      socket = next;
      for (const name of events) socket?.on(name, onEvent);
    };
    attach(getRealtimeSocket());
    const unsubscribe = onRealtimeSocketChange(attach);
    return () => {
      unsubscribe();
      attach(null);
    };
  }, [onEvent]);
}

export default function QueuePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('exQueue.title'));
  const format = useExploreFormat();
  const auth = useAuth();
  const token = useAccessToken();
  const queryClient = useQueryClient();
  const [samples, setSamples] = useState<QueueSample[]>([]);

  const metrics = useQuery({
    queryKey: ['explore', 'queue', 'metrics'],
    queryFn: () => unwrap(client.GET('/api/queue/metrics')),
    refetchInterval: QUEUE_REFRESH_MS,
    refetchIntervalInBackground: false,
  });
  const jobs = useQuery({
    queryKey: ['explore', 'queue', 'jobs'],
    queryFn: () => unwrap(client.GET('/api/queue/jobs', { params: { query: { limit: 20 } } })),
    refetchInterval: QUEUE_REFRESH_MS,
  });

  useEffect(() => {
    if (metrics.data) setSamples((buffer) => pushSample(buffer, toSample(metrics.data)));
  }, [metrics.data]);

  const [onEvent] = useState(
    () => () => void queryClient.invalidateQueries({ queryKey: ['explore', 'queue'] }),
  );
  useLiveJobEvents(onEvent);

  const m = metrics.data;
  const tx = (x: number) => format.time(x);
  const perSecond = (v: number | null | undefined) =>
    t('exQueue.perSecond', { value: format.number(v, { maximumFractionDigits: 3 }) });

  return (
    <div className="page ex-page">
      <header className="page__header ex-detail-head">
        <div>
          <h1 className="page__title">{t('exQueue.title')}</h1>
          <p className="page__lead">{t('exQueue.lead')}</p>
        </div>
        <div className="ex-live">
          <span
            className="ex-live__dot"
            data-active={metrics.isFetching || jobs.isFetching}
            aria-hidden="true"
          />
          <span>
            {t('exQueue.live', { seconds: QUEUE_REFRESH_MS / 1000 })}
            {m && <> · {t('exQueue.measuredAt', { time: format.time(m.measuredAt) })}</>}
          </span>
          {auth.isStaff && token && (
            <a
              className="ex-link-strong"
              href={`${BOARD_URL}?token=${encodeURIComponent(token)}`}
              target="_blank"
              rel="noopener noreferrer"
            >
              {t('exQueue.bullBoard')} ↗
            </a>
          )}
        </div>
      </header>

      {metrics.isPending ? (
        <Loading block label={t('exQueue.loading')} />
      ) : metrics.isError && !m ? (
        <ErrorState error={metrics.error} onRetry={() => void metrics.refetch()} />
      ) : m ? (
        <>
          {metrics.isError && <ErrorState error={metrics.error} title={t('exQueue.stale')} />}
          <dl className="ex-stats ex-stats--counts" aria-label={t('exQueue.countsLabel')}>
            <Stat
              label={t('exQueue.waiting')}
              value={format.integer(m.counts.waiting)}
              sub={t('exQueue.jobsUnit')}
            />
            <Stat
              label={t('exQueue.active')}
              value={format.integer(m.counts.active)}
              sub={t('exQueue.jobsUnit')}
            />
            <Stat
              label={t('exQueue.completed')}
              value={format.integer(m.counts.completed)}
              sub={t('exQueue.jobsUnit')}
            />
            <Stat
              label={t('exQueue.failed')}
              value={format.integer(m.counts.failed)}
              sub={t('exQueue.jobsUnit')}
              tone={m.counts.failed > 0 ? 'ex-warn' : undefined}
            />
            <Stat
              label={t('exQueue.delayed')}
              value={format.integer(m.counts.delayed)}
              sub={t('exQueue.jobsUnit')}
            />
            <Stat
              label={t('exQueue.workers')}
              value={format.integer(m.workersOnline)}
              tone={m.workersOnline === 0 ? 'ex-warn' : undefined}
            />
          </dl>

          <div className="ex-grid-3">
            <Card title={t('exQueue.perPlan')}>
              <ul className="ex-plan-list">
                {PLANS.map((plan) => {
                  const n = m.waitingPerPlan[plan];
                  const max = Math.max(1, ...PLANS.map((p) => m.waitingPerPlan[p]));
                  return (
                    <li key={plan}>
                      <span className="ex-plan-list__name">
                        <Badge tone={plan === 'pro' ? 'info' : plan === 'basic' ? 'success' : 'neutral'}>
                          {t(`exQueue.plan.${plan}`)}
                        </Badge>
                      </span>
                      <span className="ex-plan-list__bar" aria-hidden="true">
                        <span style={{ width: `${(n / max) * 100}%` }} />
                      </span>
                      <span className="ex-plan-list__value num">
                        {t('exQueue.jobsCount', { count: n, n: format.integer(n) })}
                      </span>
                    </li>
                  );
                })}
              </ul>
              <p className="ex-footnote">{t('exQueue.perPlanNote')}</p>
            </Card>
            <Card title={t('exQueue.throughput')}>
              <dl className="ex-mini">
                <div>
                  <dt>{t('exQueue.last1m')}</dt>
                  <dd className="num">
                    {perSecond(m.throughput.perSecond1m)}
                    <span className="ex-sub">
                      {t('exQueue.jobsCount', {
                        count: m.throughput.lastMinute,
                        n: format.integer(m.throughput.lastMinute),
                      })}
                    </span>
                  </dd>
                </div>
                <div>
                  <dt>{t('exQueue.last5m')}</dt>
                  <dd className="num">
                    {perSecond(m.throughput.perSecond5m)}
                    <span className="ex-sub">
                      {t('exQueue.jobsCount', {
                        count: m.throughput.last5Minutes,
                        n: format.integer(m.throughput.last5Minutes),
                      })}
                    </span>
                  </dd>
                </div>
              </dl>
            </Card>
            <Card title={t('exQueue.wait')}>
              <dl className="ex-mini">
                <div>
                  <dt>{t('exQueue.avgWait')}</dt>
                  <dd className="num">{format.seconds(m.wait.avgMs)}</dd>
                </div>
                <div>
                  <dt>{t('exQueue.p95Wait')}</dt>
                  <dd className="num">{format.seconds(m.wait.p95Ms)}</dd>
                </div>
              </dl>
              <p className="ex-footnote">
                {t('exQueue.waitNote', { count: m.wait.samples, n: format.integer(m.wait.samples) })}
              </p>
            </Card>
          </div>

          <div className="ex-grid-2">
            <Card title={t('exQueue.throughputChart')}>
              {samples.length < 2 ? (
                <p className="ex-muted">{t('exQueue.collecting')}</p>
              ) : (
                <LineChart
                  label={t('exQueue.throughputChartLabel')}
                  yFromZero
                  minYMax={0.05}
                  formatX={tx}
                  formatY={(y) => format.number(y, { maximumFractionDigits: 3 })}
                  series={[
                    {
                      id: '1m',
                      label: t('exQueue.series1m'),
                      color: '#1d4ed8',
                      points: samples.map((s) => ({ x: s.at, y: s.perSecond1m })),
                    },
                    {
                      id: '5m',
                      label: t('exQueue.series5m'),
                      color: '#d97706',
                      points: samples.map((s) => ({ x: s.at, y: s.perSecond5m })),
                    },
                  ]}
                />
              )}
              <p className="ex-footnote">{t('exQueue.unitJobsPerSecond')}</p>
            </Card>
            <Card title={t('exQueue.waitChart')}>
              {samples.length < 2 ? (
                <p className="ex-muted">{t('exQueue.collecting')}</p>
              ) : (
                <LineChart
                  label={t('exQueue.waitChartLabel')}
                  yFromZero
                  minYMax={1}
                  formatX={tx}
                  formatY={(y) => format.number(y, { maximumFractionDigits: 1 })}
                  series={[
                    {
                      id: 'avg',
                      label: t('exQueue.avgWait'),
                      color: '#059669',
                      points: samples
                        .filter((s) => s.avgWaitMs !== null)
                        .map((s) => ({ x: s.at, y: s.avgWaitMs! / 1000 })),
                    },
                    {
                      id: 'p95',
                      label: t('exQueue.p95Wait'),
                      color: '#7c3aed',
                      points: samples
                        .filter((s) => s.p95WaitMs !== null)
                        .map((s) => ({ x: s.at, y: s.p95WaitMs! / 1000 })),
                    },
                  ]}
                />
              )}
              <p className="ex-footnote">{t('exQueue.unitSeconds')}</p>
            </Card>
          </div>
        </>
      ) : null}

      <JobsSection q={jobs} userId={auth.user?.id} />
    </div>
  );
}

function planOf(job: QueueJob): (typeof PLANS)[number] {
  return (PLANS as readonly string[]).includes(job.plan) ? (job.plan as (typeof PLANS)[number]) : 'free';
}

function JobsSection({
  q,
  userId,
}: {
  q: UseQueryResult<Schema<'QueueJobsDto'>>;
  userId: string | undefined;
}) {
  const { t } = useTranslation();
  const format = useExploreFormat();
  const stepLabel = useStepLabel();
  if (q.isPending) return <Loading label={t('exQueue.loadingJobs')} />;
  if (q.isError && !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return null;
  const data = q.data;
  return (
    <>
      <p className="ex-note">{data.everyone ? t('exQueue.scopeEveryone') : t('exQueue.scopeMine')}</p>
      <div className="ex-grid-2">
        <Card title={t('exQueue.activeJobs', { n: format.integer(data.active.length) })}>
          {data.active.length === 0 ? (
            <p className="ex-muted">{t('exQueue.noActive')}</p>
          ) : (
            <ul className="ex-jobs">
              {data.active.map((job) => (
                <li key={job.id} className="ex-job">
                  <div className="ex-job__head">
                    <JobTitle job={job} mine={job.userId === userId} />
                    <Badge tone="neutral">{t(`exQueue.plan.${planOf(job)}`)}</Badge>
                  </div>
                  <ProgressBar
                    label={t('exQueue.progressOf', { name: `${job.strategyName} · ${job.symbol}` })}
                    value={job.progress}
                    showValue
                  />
                  <p className="ex-sub">
                    {job.progressStep
                      ? t('exQueue.step', { step: stepLabel(job.progressStep) })
                      : t('exQueue.starting')}
                    {job.startedAt && <> · {t('exQueue.startedAt', { time: format.time(job.startedAt) })}</>}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={t('exQueue.waitingJobs', { n: format.integer(data.waiting.length) })}>
          {data.waiting.length === 0 ? (
            <p className="ex-muted">{t('exQueue.noWaiting')}</p>
          ) : (
            <ol className="ex-jobs ex-jobs--compact">
              {data.waiting.map((job) => (
                <li key={job.id} className="ex-job ex-job--row">
                  <JobTitle job={job} mine={job.userId === userId} />
                  <Badge tone="neutral">{t(`exQueue.plan.${planOf(job)}`)}</Badge>
                  <span className="ex-sub">
                    {t('exQueue.queuedAt', { time: format.time(job.createdAt) })}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </Card>
      </div>
      <Card title={t('exQueue.recent')}>
        {data.recent.length === 0 ? (
          <EmptyState title={t('exQueue.noRecent')} />
        ) : (
          <div className="ex-table-wrap" role="region" aria-label={t('exQueue.recent')} tabIndex={0}>
            <table className="ex-table">
              <thead>
                <tr>
                  <th scope="col">{t('exQueue.colJob')}</th>
                  <th scope="col">{t('exQueue.colStatus')}</th>
                  <th scope="col" className="ex-num">
                    {t('exMetric.returnPct')}
                  </th>
                  <th scope="col" className="ex-num">
                    {t('exMetric.sharpe')}
                  </th>
                  <th scope="col" className="ex-num">
                    {t('exQueue.colWait')}
                  </th>
                  <th scope="col">{t('exQueue.colFinished')}</th>
                </tr>
              </thead>
              <tbody>
                {data.recent.map((job) => (
                  <tr key={job.id}>
                    <td>
                      <JobTitle job={job} mine={job.userId === userId} />
                    </td>
                    <td>
                      <StatusBadge status={job.status} />
                    </td>
                    <td className={`ex-num ${toneOf(job.returnPct) ?? ''}`}>
                      {format.signedPct(job.returnPct)}
                    </td>
                    <td className="ex-num">{format.ratio(job.sharpe)}</td>
                    <td className="ex-num">{format.seconds(job.queueWaitMs)}</td>
                    <td className="ex-nowrap">{format.time(job.finishedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}

function JobTitle({ job, mine }: { job: QueueJob; mine: boolean }) {
  const label = (
    <>
      <span className="ex-link-strong-text">{job.strategyName}</span>{' '}
      <span className="ex-ticker">{job.symbol}</span> <span className="ex-sub-inline">{job.timeframe}</span>
    </>
  );
  return mine ? (
    <Link to={`/backtests/${job.id}`} className="ex-job__name">
      {label}
    </Link>
  ) : (
    <span className="ex-job__name">{label}</span>
  );
}

function useStepLabel() {
  const { t } = useTranslation();
  return (step: string): string => {
    const known = ['data_loaded', 'indicators', 'simulating', 'statistics', 'saved'] as const;
    return (known as readonly string[]).includes(step)
      ? t(`exQueue.steps.${step as (typeof known)[number]}`)
      : step;
  };
}

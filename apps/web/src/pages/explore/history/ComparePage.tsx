import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { client, unwrap, type Schema } from '../../../api/client';
import { Card, EmptyState, ErrorState, LinkButton, Loading } from '../../../components';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { EquityOverlay } from '../shared/EquityOverlay';
import { SERIES_COLORS } from '../shared/charts';
import { toneOf, useExploreFormat, type ExploreFormat } from '../shared/units';
import { bestIndexes, normaliseTo100, parseIds, type Better } from './compare';
import { MAX_COMPARE } from './HistoryPage';
import '../shared/explore.css';

type Backtest = Schema<'BacktestDto'>;
type MetricKey =
  | 'returnPct'
  | 'cagrPct'
  | 'sharpe'
  | 'sortino'
  | 'calmar'
  | 'maxDrawdownPct'
  | 'volatilityAnnPct'
  | 'winRatePct'
  | 'trades'
  | 'exposurePct'
  | 'buyHoldReturnPct'
  | 'profitFactor';
type Kind = 'signedPct' | 'pct' | 'ratio' | 'integer';

const ROWS: { key: MetricKey; kind: Kind; better: Better }[] = [
  { key: 'returnPct', kind: 'signedPct', better: 'higher' },
  { key: 'cagrPct', kind: 'signedPct', better: 'higher' },
  { key: 'sharpe', kind: 'ratio', better: 'higher' },
  { key: 'sortino', kind: 'ratio', better: 'higher' },
  { key: 'calmar', kind: 'ratio', better: 'higher' },
  // Drawdowns are ≤ 0: the one closest to zero is the best.
  { key: 'maxDrawdownPct', kind: 'pct', better: 'higher' },
  { key: 'volatilityAnnPct', kind: 'pct', better: 'lower' },
  { key: 'winRatePct', kind: 'pct', better: 'higher' },
  { key: 'profitFactor', kind: 'ratio', better: 'higher' },
  { key: 'exposurePct', kind: 'pct', better: null },
  { key: 'trades', kind: 'integer', better: null },
  { key: 'buyHoldReturnPct', kind: 'signedPct', better: null },
];

function metricOf(b: Backtest, key: MetricKey): number | null {
  const metrics = (b.metrics ?? {}) as Record<string, unknown>;
  const direct = (b as unknown as Record<string, unknown>)[key];
  const value = typeof direct === 'number' ? direct : metrics[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function show(format: ExploreFormat, kind: Kind, value: number | null): string {
  if (kind === 'signedPct') return format.signedPct(value);
  if (kind === 'pct') return format.pct(value);
  if (kind === 'integer') return format.integer(value);
  return format.ratio(value);
}

export default function ComparePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('exCompare.title'));
  const format = useExploreFormat();
  const [params] = useSearchParams();
  const ids = parseIds(params.get('ids')).slice(0, MAX_COMPARE);

  const runs = useQueries({
    queries: ids.map((id) => ({
      queryKey: ['explore', 'backtest', id],
      queryFn: () => unwrap(client.GET('/api/backtests/{id}', { params: { path: { id } } })),
    })),
  });
  const results = useQueries({
    queries: ids.map((id, i) => ({
      queryKey: ['explore', 'backtest', id, 'result'],
      queryFn: () => unwrap(client.GET('/api/backtests/{id}/result', { params: { path: { id } } })),
      enabled: runs[i]?.data?.status === 'completed',
      staleTime: Infinity,
    })),
  });

  const header = (
    <header className="page__header">
      <p className="ex-breadcrumb">
        <Link to="/history">← {t('exCompare.back')}</Link>
      </p>
      <h1 className="page__title">{t('exCompare.title')}</h1>
      <p className="page__lead">{t('exCompare.lead')}</p>
    </header>
  );

  if (ids.length < 2) {
    return (
      <div className="page ex-page">
        {header}
        <EmptyState
          title={t('exCompare.needTwoTitle')}
          description={t('exCompare.needTwoBody')}
          action={<LinkButton to="/history">{t('exCompare.pickRuns')}</LinkButton>}
        />
      </div>
    );
  }

  if (runs.some((r) => r.isPending)) {
    return (
      <div className="page ex-page">
        {header}
        <Loading block label={t('exCompare.loading')} />
      </div>
    );
  }

  const failed = runs.map((r, i) => ({ r, id: ids[i] })).filter((x) => x.r.isError);
  const loaded = runs
    .map((r, i) => ({ backtest: r.data, result: results[i], color: SERIES_COLORS[i % SERIES_COLORS.length] }))
    .filter(
      (x): x is { backtest: Backtest; result: (typeof results)[number]; color: string } => !!x.backtest,
    );
  const incomplete = loaded.filter((x) => x.backtest.status !== 'completed');
  const columns = loaded.filter((x) => x.backtest.status === 'completed');

  const runLabel = (b: Backtest) => `${b.strategyName} · ${b.symbol}`;
  const series = columns
    .filter((c) => c.result.data)
    .map((c) => ({
      id: c.backtest.id,
      label: runLabel(c.backtest),
      color: c.color,
      points: normaliseTo100(c.result.data!.equity.t, c.result.data!.equity.v),
    }))
    .filter((s) => s.points.length > 0);
  const resultsPending = columns.some((c) => c.result.isPending);
  const resultErrors = columns.filter((c) => c.result.isError);

  return (
    <div className="page ex-page">
      {header}
      {failed.map(({ r, id }) => (
        <ErrorState
          key={id}
          title={t('exCompare.runFailedToLoad', { id })}
          error={r.error}
          onRetry={() => void r.refetch()}
        />
      ))}
      {incomplete.length > 0 && (
        <p className="ex-note" role="note">
          {t('exCompare.skippedIncomplete', {
            names: incomplete.map((x) => runLabel(x.backtest)).join(', '),
          })}
        </p>
      )}
      {columns.length < 2 ? (
        <EmptyState
          title={t('exCompare.needTwoTitle')}
          description={t('exCompare.needTwoCompleted')}
          action={<LinkButton to="/history">{t('exCompare.pickRuns')}</LinkButton>}
        />
      ) : (
        <>
          <Card title={t('exCompare.metricsTitle')}>
            <div
              className="ex-table-wrap"
              role="region"
              aria-label={t('exCompare.metricsTitle')}
              tabIndex={0}
            >
              <table className="ex-table ex-table--compare">
                <caption className="visually-hidden">{t('exCompare.metricsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('exCompare.metric')}</th>
                    {columns.map((c) => (
                      <th scope="col" key={c.backtest.id} className="ex-num">
                        <span className="ex-run-head">
                          <span
                            className="ex-legend__swatch"
                            style={{ background: c.color }}
                            aria-hidden="true"
                          />
                          <Link to={`/backtests/${c.backtest.id}`}>{c.backtest.strategyName}</Link>
                        </span>
                        <span className="ex-run-sub">
                          {c.backtest.symbol} · {format.date(c.backtest.from)} – {format.date(c.backtest.to)}
                        </span>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {ROWS.map((row) => {
                    const values = columns.map((c) => metricOf(c.backtest, row.key));
                    const best = bestIndexes(values, row.better);
                    return (
                      <tr key={row.key}>
                        <th scope="row">{t(`exMetric.${row.key}`)}</th>
                        {values.map((value, i) => {
                          const isBest = best.includes(i);
                          const signed = row.kind === 'signedPct' ? toneOf(value) : undefined;
                          return (
                            <td
                              key={columns[i].backtest.id}
                              className={`ex-num ${signed ?? ''} ${isBest ? 'ex-best' : ''}`}
                            >
                              {show(format, row.kind, value)}
                              {isBest && (
                                <>
                                  <span className="ex-best__mark" aria-hidden="true">
                                    ★
                                  </span>
                                  <span className="visually-hidden"> ({t('exCompare.best')})</span>
                                </>
                              )}
                            </td>
                          );
                        })}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <p className="ex-footnote">
              <span aria-hidden="true">★ </span>
              {t('exCompare.bestExplained')}
            </p>
          </Card>

          <Card title={t('exCompare.equityTitle')}>
            <p className="ex-footnote">{t('exCompare.equityLead')}</p>
            {resultErrors.map((c) => (
              <ErrorState
                key={c.backtest.id}
                title={t('exCompare.curveFailed', { name: runLabel(c.backtest) })}
                error={c.result.error}
              />
            ))}
            {resultsPending ? (
              <Loading label={t('exCompare.loadingCurves')} />
            ) : series.length > 0 ? (
              <EquityOverlay series={series} label={t('exCompare.equityChartLabel')} />
            ) : null}
          </Card>
        </>
      )}
    </div>
  );
}

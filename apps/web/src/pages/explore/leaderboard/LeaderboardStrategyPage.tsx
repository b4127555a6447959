import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { client, unwrap, type Schema } from '../../../api/client';
import { Badge, Button, Card, EmptyState, ErrorState, Loading } from '../../../components';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { InfoTip } from '../shared/InfoTip';
import { BarChart } from '../shared/charts';
import { SpecSummary } from '../shared/SpecSummary';
import { Stat } from '../shared/Stat';
import { toneOf, useExploreFormat } from '../shared/units';
import { copyStrategy, fetchPerformance, useTemplateNames, type StrategyPerformance } from './api';
import '../shared/explore.css';

type Strategy = Schema<'StrategyDto'>;

/** Averages over every distinct backtest, from the per-symbol averages weighted by their counts. */
export function overallOf(perf: StrategyPerformance) {
  const weighted = (pick: (s: StrategyPerformance['symbols'][number]) => number | null) => {
    let sum = 0;
    let n = 0;
    for (const s of perf.symbols) {
      const v = pick(s);
      if (typeof v === 'number' && Number.isFinite(v)) {
        sum += v * s.backtestCount;
        n += s.backtestCount;
      }
    }
    return n > 0 ? sum / n : null;
  };
  return {
    avgSharpe: weighted((s) => s.avgSharpe),
    avgReturn: weighted((s) => s.avgReturn),
    avgCagr: weighted((s) => s.avgCagr),
    avgMaxDrawdown: weighted((s) => s.avgMaxDrawdown),
  };
}

export default function LeaderboardStrategyPage() {
  const { t } = useTranslation();
  const { strategyId = '' } = useParams();
  const format = useExploreFormat();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);

  const perf = useQuery({
    queryKey: ['explore', 'performance', strategyId],
    queryFn: () => fetchPerformance(strategyId),
  });
  const strategy = useQuery({
    queryKey: ['explore', 'strategy', strategyId],
    queryFn: () => unwrap(client.GET('/api/strategies/{id}', { params: { path: { id: strategyId } } })),
  });
  const templates = useQuery({
    queryKey: ['explore', 'templates'],
    queryFn: () => unwrap(client.GET('/api/strategies/templates')),
    staleTime: Infinity,
  });
  const templateName = useTemplateNames(templates.data);
  const copy = useMutation({
    mutationFn: () => copyStrategy(strategyId),
    onSuccess: () => {
      setConfirming(false);
      void queryClient.invalidateQueries({ queryKey: ['explore', 'strategies'] });
      void queryClient.invalidateQueries({ queryKey: ['explore', 'strategy', strategyId] });
    },
  });

  const name = perf.data?.strategyName ?? strategy.data?.name ?? '';
  useDocumentTitle(name || t('exStrategy.title'));

  const back = (
    <p className="ex-breadcrumb">
      <Link to="/leaderboard">← {t('exStrategy.back')}</Link>
    </p>
  );

  if (perf.isPending) {
    return (
      <div className="page ex-page">
        {back}
        <Loading block label={t('exStrategy.loading')} />
      </div>
    );
  }
  if (perf.isError) {
    return (
      <div className="page ex-page">
        {back}
        <h1 className="page__title">{t('exStrategy.title')}</h1>
        <ErrorState error={perf.error} onRetry={() => void perf.refetch()} />
      </div>
    );
  }

  const p = perf.data;
  const overall = overallOf(p);
  const copied = copy.data as Strategy | undefined;

  return (
    <div className="page ex-page">
      {back}
      <header className="page__header ex-detail-head">
        <div>
          <h1 className="page__title">{p.strategyName}</h1>
          <p className="page__lead">
            {t('exLeaderboard.byAuthor', { author: p.author })} ·{' '}
            {templateName(p.template, t('exCommon.rules'))}{' '}
            {p.visibility === 'private' && <Badge tone="warning">{t('exCommon.private')}</Badge>}
          </p>
        </div>
        <div className="ex-detail-head__actions">
          <Button onClick={() => setConfirming(true)} disabled={copy.isPending}>
            {t('exStrategy.copy')}
          </Button>
        </div>
      </header>

      {copied && (
        <div className="ex-banner ex-banner--success" role="status">
          <span>{t('exStrategy.copied', { name: copied.name })}</span>
          <Link to={`/strategies/${copied.id}`} className="ex-link-strong">
            {t('exStrategy.openCopy')} →
          </Link>
        </div>
      )}

      <ConfirmDialog
        open={confirming}
        title={t('exStrategy.confirmTitle', { name: p.strategyName })}
        confirmLabel={t('exStrategy.confirmCopy')}
        onConfirm={() => copy.mutate()}
        onCancel={() => {
          setConfirming(false);
          copy.reset();
        }}
        busy={copy.isPending}
        error={
          copy.isError ? <ErrorState error={copy.error} title={t('exStrategy.copyFailed')} /> : undefined
        }
      >
        <p>{t('exStrategy.confirmBody')}</p>
      </ConfirmDialog>

      {strategy.data?.description && <p className="ex-description">{strategy.data.description}</p>}

      <dl className="ex-stats" aria-label={t('exStrategy.summary')}>
        <Stat label={t('exStrategy.backtests')} value={format.integer(p.backtestCount)} />
        <Stat label={t('exStrategy.symbols')} value={format.integer(p.symbols.length)} />
        <Stat
          label={t('exStrategy.avgSharpe')}
          value={format.ratio(overall.avgSharpe)}
          tip={<InfoTip label={t('exLeaderboard.sharpeTipLabel')} text={t('exLeaderboard.sharpeTip')} />}
        />
        <Stat
          label={t('exStrategy.avgReturn')}
          value={format.signedPct(overall.avgReturn)}
          tone={toneOf(overall.avgReturn)}
        />
        <Stat
          label={t('exStrategy.avgCagr')}
          value={format.signedPct(overall.avgCagr)}
          tone={toneOf(overall.avgCagr)}
        />
        <Stat label={t('exStrategy.avgMaxDrawdown')} value={format.pct(overall.avgMaxDrawdown)} />
        {strategy.data && (
          <Stat label={t('exStrategy.copies')} value={format.integer(strategy.data.copyCount)} />
        )}
      </dl>

      {strategy.data && (
        <Card title={t('exStrategy.parameters')}>
          <SpecSummary spec={strategy.data.spec} templateName={templateName} />
        </Card>
      )}

      <div className="ex-stack">
        <Card title={t('exStrategy.perSymbol')}>
          {p.symbols.length === 0 ? (
            <p className="ex-muted">{t('exStrategy.noRuns')}</p>
          ) : (
            <>
              <BarChart
                label={t('exStrategy.returnBySymbol')}
                data={p.symbols.map((s) => ({
                  id: s.symbol,
                  label: s.symbol,
                  value: s.avgReturn,
                  valueText: format.signedPct(s.avgReturn),
                }))}
              />
              <div
                className="ex-table-wrap"
                role="region"
                aria-label={t('exStrategy.perSymbol')}
                tabIndex={0}
              >
                <table className="ex-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('exStrategy.symbol')}</th>
                      <th scope="col" className="ex-num">
                        {t('exStrategy.backtests')}
                      </th>
                      <th scope="col" className="ex-num">
                        {t('exMetric.sharpe')}
                      </th>
                      <th scope="col" className="ex-num">
                        {t('exStrategy.avgReturn')}
                      </th>
                      <th scope="col" className="ex-num">
                        {t('exStrategy.avgCagr')}
                      </th>
                      <th scope="col" className="ex-num">
                        {t('exStrategy.avgMaxDrawdown')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.symbols.map((s) => (
                      <tr key={s.symbol}>
                        <th scope="row">
                          <span className="ex-ticker">{s.symbol}</span>
                        </th>
                        <td className="ex-num">{format.integer(s.backtestCount)}</td>
                        <td className="ex-num">{format.ratio(s.avgSharpe)}</td>
                        <td className={`ex-num ${toneOf(s.avgReturn) ?? ''}`}>
                          {format.signedPct(s.avgReturn)}
                        </td>
                        <td className={`ex-num ${toneOf(s.avgCagr) ?? ''}`}>{format.signedPct(s.avgCagr)}</td>
                        <td className="ex-num">{format.pct(s.avgMaxDrawdown)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </Card>

        <Card title={t('exStrategy.recent')}>
          {p.recentBacktests.length === 0 ? (
            <EmptyState title={t('exStrategy.noRuns')} />
          ) : (
            <div className="ex-table-wrap" role="region" aria-label={t('exStrategy.recent')} tabIndex={0}>
              <table className="ex-table">
                <thead>
                  <tr>
                    <th scope="col">{t('exStrategy.symbol')}</th>
                    <th scope="col">{t('exStrategy.period')}</th>
                    <th scope="col" className="ex-num">
                      {t('exMetric.returnPct')}
                    </th>
                    <th scope="col" className="ex-num">
                      {t('exMetric.sharpe')}
                    </th>
                    <th scope="col">{t('exStrategy.finished')}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.recentBacktests.map((b) => (
                    <tr key={b.id}>
                      <td>
                        <span className="ex-ticker">{b.symbol}</span>{' '}
                        <span className="ex-sub-inline">{b.timeframe}</span>
                      </td>
                      <td className="ex-nowrap">
                        {format.date(b.periodFrom)} – {format.date(b.periodTo)}
                      </td>
                      <td className={`ex-num ${toneOf(b.returnPct) ?? ''}`}>
                        {format.signedPct(b.returnPct)}
                      </td>
                      <td className="ex-num">{format.ratio(b.sharpe)}</td>
                      <td className="ex-nowrap">{format.date(b.finishedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </div>
  );
}

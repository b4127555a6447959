import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap, type Schema } from '../../api/client';
import { Badge, Button, Card, ErrorState, LinkButton, Loading } from '../../components';
import {
  AreaChart,
  CandleChart,
  cssVar,
  LineChart,
  toChartTime,
  toPoints,
  type Candle,
  type ChartMarker,
} from '../../charts';
import { formatPercentValue } from '../../lib/metrics';
import { useFormat } from '../../lib/useFormat';
import type { Backtest } from '../../realtime';
import { symbolsQuery } from './api';
import { MetricsGrid, type MetricValues } from './MetricsGrid';
import { TradesTable } from './TradesTable';

type Result = Schema<'BacktestResultDto'>;

function usePriceBars(backtest: Backtest) {
  return useQuery({
    queryKey: ['market-data', 'bars', backtest.symbolId, backtest.timeframe, backtest.from, backtest.to],
    queryFn: () =>
      unwrap(
        client.GET('/api/market-data/symbols/{id}/bars', {
          params: {
            path: { id: backtest.symbolId },
            query: {
              from: new Date(backtest.from).toISOString(),
              to: new Date(backtest.to).toISOString(),
              timeframe: backtest.timeframe as never,
              limit: 10_000,
            },
          },
        }),
      ),
    staleTime: Infinity,
  });
}

function tradeMarkers(
  result: Result,
  colors: { long: string; short: string; exit: string },
  labels: { entry: string; exit: string },
): ChartMarker[] {
  const markers: ChartMarker[] = [];
  for (const trade of result.trades) {
    const long = trade.size >= 0;
    markers.push({
      time: toChartTime(trade.entryTime),
      position: long ? 'belowBar' : 'aboveBar',
      shape: long ? 'arrowUp' : 'arrowDown',
      color: long ? colors.long : colors.short,
      text: labels.entry,
    });
    markers.push({
      time: toChartTime(trade.exitTime),
      position: long ? 'aboveBar' : 'belowBar',
      shape: 'circle',
      color: colors.exit,
      text: labels.exit,
    });
  }
  if (result.openTrade) {
    const long = result.openTrade.size >= 0;
    markers.push({
      time: toChartTime(result.openTrade.entryTime),
      position: long ? 'belowBar' : 'aboveBar',
      shape: long ? 'arrowUp' : 'arrowDown',
      color: long ? colors.long : colors.short,
      text: labels.entry,
    });
  }
  return markers;
}

function PriceChart({
  backtest,
  result,
  currency,
}: {
  backtest: Backtest;
  result: Result;
  currency: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const bars = usePriceBars(backtest);
  const [asLine, setAsLine] = useState(false);
  const gain = cssVar('--color-gain', '#047857');
  const loss = cssVar('--color-loss', '#b91c1c');
  const candles: Candle[] = useMemo(
    () =>
      (bars.data?.bars ?? []).map((b) => ({
        time: toChartTime(b.time),
        open: b.open,
        high: b.high,
        low: b.low,
        close: b.close,
      })),
    [bars.data],
  );
  const markers = useMemo(
    () => tradeMarkers(result, { long: gain, short: loss, exit: '#64748b' }, { entry: '', exit: '' }),
    [result, gain, loss],
  );
  return (
    <Card
      title={t('btResult.price')}
      actions={
        <div className="bt-segment bt-segment--sm" role="radiogroup" aria-label={t('btResult.chartType')}>
          {[false, true].map((line) => (
            <label key={String(line)} className="bt-segment__option" data-selected={asLine === line}>
              <input
                type="radio"
                name="price-kind"
                checked={asLine === line}
                onChange={() => setAsLine(line)}
              />
              {line ? t('btResult.line') : t('btResult.candles')}
            </label>
          ))}
        </div>
      }
    >
      {bars.isError ? (
        <ErrorState
          error={bars.error}
          title={t('btResult.priceFailed')}
          onRetry={() => void bars.refetch()}
        />
      ) : !bars.data ? (
        <Loading label={t('btResult.chartLoading')} />
      ) : (
        <>
          <CandleChart
            data={candles}
            up={gain}
            down={loss}
            asLine={asLine}
            lineColor={cssVar('--color-accent', '#1d4ed8')}
            markers={markers}
            height={320}
            label={`${t('btResult.price')}: ${backtest.symbol}`}
            formatValue={(v) => format.currency(v, currency)}
          />
          <p className="bt-legend" aria-hidden="true">
            <span style={{ color: gain }}>{t('btResult.legendLong')}</span>
            <span style={{ color: loss }}>{t('btResult.legendShort')}</span>
            <span style={{ color: '#64748b' }}>{t('btResult.legendExit')}</span>
          </p>
        </>
      )}
    </Card>
  );
}

function MakePublic({ backtest }: { backtest: Backtest }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const strategyId = backtest.strategyId;
  const strategy = useQuery({
    queryKey: ['strategies', strategyId],
    queryFn: () => unwrap(client.GET('/api/strategies/{id}', { params: { path: { id: strategyId! } } })),
    enabled: !!strategyId,
    retry: false,
  });
  const publish = useMutation({
    mutationFn: () =>
      unwrap(
        client.PATCH('/api/strategies/{id}', {
          params: { path: { id: strategyId! } },
          body: { visibility: 'public' },
        }),
      ),
    onSuccess: (data) => {
      queryClient.setQueryData(['strategies', strategyId], data);
      void queryClient.invalidateQueries({ queryKey: ['strategies'] });
    },
  });
  // Only a saved strategy the viewer owns can be published.
  if (!strategy.data || strategy.data.ownerId !== backtest.userId) return null;
  if (strategy.data.visibility === 'public')
    return (
      <Badge tone="success" dot role="status">
        {publish.isSuccess ? t('btResult.madePublic') : t('btResult.isPublic')}
      </Badge>
    );
  return (
    <>
      <Button variant="secondary" loading={publish.isPending} onClick={() => publish.mutate()}>
        {t('btResult.makePublic')}
      </Button>
      {publish.isError && <ErrorState error={publish.error} />}
    </>
  );
}

/** The result of a completed backtest: headline, equity and drawdown, price with trades, metrics, trades. */
export default function ResultView({ backtest }: { backtest: Backtest }) {
  const { t } = useTranslation();
  const format = useFormat();
  const symbols = useQuery(symbolsQuery);
  const result = useQuery({
    queryKey: ['backtests', backtest.id, 'result'],
    queryFn: () =>
      unwrap(client.GET('/api/backtests/{id}/result', { params: { path: { id: backtest.id } } })),
    staleTime: Infinity,
  });
  const currency = symbols.data?.symbols.find((s) => s.id === backtest.symbolId)?.currency ?? 'USD';
  const metrics = (backtest.metrics ?? {}) as MetricValues;
  const equity = useMemo(
    () => (result.data ? toPoints(result.data.equity.t, result.data.equity.v) : []),
    [result.data],
  );
  const drawdown = useMemo(
    () => (result.data ? toPoints(result.data.drawdown.t, result.data.drawdown.v) : []),
    [result.data],
  );
  const accent = cssVar('--color-accent', '#1d4ed8');
  const danger = cssVar('--color-danger', '#b91c1c');
  const returnTone =
    (backtest.returnPct ?? 0) > 0 ? 'bt-gain' : (backtest.returnPct ?? 0) < 0 ? 'bt-loss' : '';
  const equitySeries = useMemo(() => [{ id: 'equity', data: equity, color: accent }], [equity, accent]);

  return (
    <div className="bt-result">
      <section className="bt-headline" aria-label={t('btResult.headline')}>
        <div className="bt-headline__main">
          <span className="bt-muted">{t('btResult.headline')}</span>
          <strong className={`bt-headline__value num ${returnTone}`} data-testid="headline-return">
            {formatPercentValue(backtest.returnPct, format.language, { signed: true })}
          </strong>
          <span className="bt-muted">
            {t('btResult.vsBuyHold', {
              value: formatPercentValue(metrics.buyHoldReturnPct, format.language, { signed: true }),
            })}
          </span>
        </div>
        <dl className="bt-headline__facts">
          <div>
            <dt>{t('btMetric.sharpe.label')}</dt>
            <dd className="num">{format.ratio(backtest.sharpe)}</dd>
          </div>
          <div>
            <dt>{t('btMetric.maxDrawdownPct.label')}</dt>
            <dd className="num bt-loss">{formatPercentValue(backtest.maxDrawdownPct, format.language)}</dd>
          </div>
          <div>
            <dt>{t('btMetric.trades.label')}</dt>
            <dd className="num">{format.integer(backtest.tradeCount)}</dd>
          </div>
          <div>
            <dt>{t('btMetric.equityFinal.label')}</dt>
            <dd className="num">{format.currency(metrics.equityFinal, currency)}</dd>
          </div>
        </dl>
        <div className="bt-actions bt-headline__actions">
          <LinkButton to={`/backtest?rerun=${backtest.id}`} variant="primary">
            {t('btResult.runAgain')}
          </LinkButton>
          <MakePublic backtest={backtest} />
        </div>
      </section>

      {result.isError ? (
        <ErrorState error={result.error} onRetry={() => void result.refetch()} />
      ) : !result.data ? (
        <Loading block label={t('btResult.chartLoading')} />
      ) : (
        <>
          <div className="bt-charts">
            <Card title={t('btResult.equity')}>
              <LineChart
                series={equitySeries}
                height={260}
                label={t('btResult.equity')}
                formatValue={(v) => format.currency(v, currency)}
              />
            </Card>
            <Card title={t('btResult.drawdown')}>
              <AreaChart
                data={drawdown}
                color={danger}
                invert
                height={160}
                label={t('btResult.drawdown')}
                formatValue={(v) => formatPercentValue(v, format.language)}
              />
            </Card>
          </div>
          <PriceChart backtest={backtest} result={result.data} currency={currency} />
        </>
      )}

      <Card title={t('btResult.metrics')}>
        <MetricsGrid metrics={metrics} currency={currency} />
      </Card>

      {result.data && (
        <Card title={t('btResult.trades')}>
          {result.data.openTrade && (
            <p className="bt-notice">
              {t('btResult.openTrade', {
                side: result.data.openTrade.size >= 0 ? t('btResult.long') : t('btResult.short'),
                size: format.number(Math.abs(result.data.openTrade.size), { maximumFractionDigits: 6 }),
                price: format.currency(result.data.openTrade.entryPrice, currency),
                pnl: format.currency(result.data.openTrade.pnl, currency, { signed: true }),
              })}
            </p>
          )}
          <TradesTable
            trades={result.data.trades}
            currency={currency}
            fileName={`backtest-${backtest.symbol}-${backtest.id.slice(0, 8)}`}
          />
        </Card>
      )}
    </div>
  );
}

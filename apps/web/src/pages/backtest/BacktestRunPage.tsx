import { useMutation, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router-dom';
import { client, unwrap } from '../../api/client';
import { useAuth } from '../../auth/useAuth';
import { Badge, Button, Card, EmptyState, ErrorState, LinkButton, Loading } from '../../components';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useFormat } from '../../lib/useFormat';
import { backtestQueryKey, useBacktestProgress, type Backtest } from '../../realtime';
import { CREDIT_BALANCE_KEY } from './api';
import { ProgressPanel } from './ProgressPanel';
import { useStrategyTitle } from './strategyTitle';
import './backtest.css';

// The charts (lightweight-charts) load only once there is a result to draw.
const ResultView = lazy(() => import('./ResultView'));

const STATUS_TONE = {
  pending: 'info',
  active: 'info',
  completed: 'success',
  failed: 'danger',
  canceled: 'neutral',
} as const;

function Summary({ backtest }: { backtest: Backtest }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <p className="bt-summary">
      {t('btRun.summary', {
        symbol: backtest.symbol,
        timeframe: backtest.timeframe,
        from: format.date(backtest.from, { timeZone: 'UTC' }),
        to: format.date(backtest.to, { timeZone: 'UTC' }),
      })}
      {' · '}
      {t('btRun.cost', { cost: backtest.cost })}
    </p>
  );
}

function CancelButton({ backtest }: { backtest: Backtest }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const cancel = useMutation({
    mutationFn: () => unwrap(client.DELETE('/api/backtests/{id}', { params: { path: { id: backtest.id } } })),
    onSuccess: (data) => {
      queryClient.setQueryData(backtestQueryKey(backtest.id), data);
      void queryClient.invalidateQueries({ queryKey: CREDIT_BALANCE_KEY });
      setConfirming(false);
    },
  });
  if (backtest.cancelRequestedAt || cancel.data?.cancelRequestedAt)
    return <p className="bt-muted">{t('btRun.cancelRequested')}</p>;
  return (
    <div className="bt-cancel">
      {confirming ? (
        <div className="bt-cancel__confirm" role="alertdialog" aria-label={t('btRun.cancel')}>
          <p>{t('btRun.cancelConfirm')}</p>
          <div className="bt-actions">
            <Button variant="danger" size="sm" loading={cancel.isPending} onClick={() => cancel.mutate()}>
              {t('btRun.cancelYes')}
            </Button>
            <Button variant="secondary" size="sm" onClick={() => setConfirming(false)} autoFocus>
              {t('btRun.cancelNo')}
            </Button>
          </div>
        </div>
      ) : (
        <Button variant="secondary" size="sm" onClick={() => setConfirming(true)}>
          {t('btRun.cancel')}
        </Button>
      )}
      {cancel.isError && <ErrorState error={cancel.error} />}
    </div>
  );
}

function RunView({ id }: { id: string }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const progress = useBacktestProgress(id);
  // Came here from the form: keep the finished steps in view above the result.
  const submitted = (useLocation().state as { submitted?: boolean } | null)?.submitted === true;
  const backtest = progress.query.data;
  const title = useStrategyTitle(backtest);
  useDocumentTitle(backtest ? `${title} · ${backtest.symbol}` : title);

  if (progress.query.isError && !backtest) {
    return (
      <ErrorState
        error={progress.query.error}
        title={t('btRun.loadFailed')}
        onRetry={() => void progress.query.refetch()}
      />
    );
  }
  if (!backtest) return <Loading block />;

  // The socket may announce the end before the API's record has it: wait for the record.
  const status = progress.status ?? backtest.status;
  const recordDone = backtest.status === status;
  // Support staff may read anyone's job, but only its owner can cancel it.
  const isOwner = user?.id === backtest.userId;

  return (
    <>
      <header className="page__header bt-run-header">
        <div className="bt-run-header__title">
          <h1 className="page__title">{title}</h1>
          <Badge tone={STATUS_TONE[status]} dot data-testid="backtest-status">
            {t(`btRun.status.${status}`)}
          </Badge>
        </div>
        <Summary backtest={backtest} />
      </header>

      {(status === 'pending' || status === 'active') && (
        <Card title={t('btRun.progressLabel')} actions={isOwner ? <CancelButton backtest={backtest} /> : undefined}>
          <ProgressPanel
            status={status}
            pct={progress.pct}
            step={progress.step}
            mode={progress.mode}
            queuePosition={progress.queuePosition}
          />
        </Card>
      )}

      {status === 'completed' && (!recordDone || submitted) && (
        <Card title={t('btRun.progressLabel')}>
          <ProgressPanel status="active" pct={100} step="saved" mode={progress.mode} queuePosition={null} />
        </Card>
      )}

      {status === 'completed' && recordDone && (
        <Suspense fallback={<Loading block label={t('btResult.chartLoading')} />}>
          <ResultView backtest={backtest} />
        </Suspense>
      )}

      {(status === 'failed' || status === 'canceled') && (
        <Card>
          <EmptyState
            icon={status === 'failed' ? '!' : '×'}
            title={status === 'failed' ? t('btRun.failedTitle') : t('btRun.canceledTitle')}
            description={
              <>
                {status === 'failed' && (progress.error ?? backtest.error) && (
                  <span className="bt-fail-reason" data-testid="fail-reason">
                    {progress.error ?? backtest.error}
                  </span>
                )}
                <span className="bt-refund">{t('btRun.refunded', { cost: backtest.cost })}</span>
              </>
            }
            action={
              <LinkButton to={`/backtest?rerun=${backtest.id}`} variant="primary">
                {t('btRun.tryAgain')}
              </LinkButton>
            }
          />
        </Card>
      )}
    </>
  );
}

export default function BacktestRunPage() {
  const { id = '' } = useParams();
  return (
    <div className="page bt-page">
      <RunView key={id} id={id} />
    </div>
  );
}

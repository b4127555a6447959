import { useTranslation } from 'react-i18next';
import { Badge, ProgressBar } from '../../components';
import { PROGRESS_STEPS, type ProgressMode } from '../../realtime';

export interface ProgressPanelProps {
  status: 'pending' | 'active' | null;
  pct: number;
  step: string | null;
  mode: ProgressMode;
  queuePosition: number | null;
}

const STEPS = [{ pct: 0, step: 'queued' }, ...PROGRESS_STEPS] as const;

/** queued → data loaded 10 % → indicators 20 % → simulating 30 % → statistics 80 % → saved 100 %. */
export function ProgressPanel({ status, pct, step, mode, queuePosition }: ProgressPanelProps) {
  const { t } = useTranslation();
  const reachedIndex =
    status === 'pending' || status === null
      ? 0
      : Math.max(0, ...STEPS.map((s, i) => (pct >= s.pct && i > 0 ? i : 0)));
  const currentLabel = t(`btRun.step.${(step ?? 'queued') as 'queued'}`, { defaultValue: step ?? '' });
  return (
    <div className="bt-progress">
      <div className="bt-progress__head">
        <p className="bt-progress__now" aria-live="polite">
          {status === 'pending' || status === null ? t('btRun.queued') : currentLabel}
          {status === 'pending' && queuePosition != null && (
            <span className="bt-progress__queue" data-testid="queue-position">
              {' · '}
              {t('btRun.queuePosition', { position: queuePosition })}
            </span>
          )}
        </p>
        <Badge
          tone={mode === 'live' ? 'success' : 'warning'}
          dot
          data-testid="progress-mode"
          data-mode={mode}
          title={mode === 'live' ? t('btRun.modeLiveHint') : t('btRun.modePollingHint')}
        >
          {mode === 'live' ? t('btRun.modeLive') : t('btRun.modePolling')}
        </Badge>
      </div>
      <ProgressBar
        value={status === 'pending' || status === null ? null : pct}
        label={t('btRun.progressLabel')}
        showValue
        valueText={`${Math.round(pct)}%`}
      />
      {mode === 'polling' && <p className="field__hint">{t('btRun.modePollingHint')}</p>}
      <ol className="bt-steps" aria-label={t('btRun.stepsLabel')}>
        {STEPS.map((s, i) => {
          const state = i < reachedIndex || pct >= 100 ? 'done' : i === reachedIndex ? 'current' : 'todo';
          return (
            <li
              key={s.step}
              className="bt-steps__item"
              data-state={state}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              <span className="bt-steps__dot" aria-hidden="true">
                {state === 'done' ? '✓' : i + 1}
              </span>
              <span className="bt-steps__label">{t(`btRun.step.${s.step}`)}</span>
              <span className="bt-steps__pct num">{s.pct}%</span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

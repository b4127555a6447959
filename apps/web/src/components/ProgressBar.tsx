import { cx } from './cx';

export interface ProgressBarProps {
  /** Current value; null/undefined renders an indeterminate bar. */
  value?: number | null;
  max?: number;
  /** Accessible name, e.g. "Backtest progress". */
  label: string;
  /** Spoken/visible value text; defaults to the rounded percentage. */
  valueText?: string;
  showValue?: boolean;
  tone?: 'accent' | 'success' | 'danger';
}

export function ProgressBar({ value, max = 100, label, valueText, showValue = false, tone = 'accent' }: ProgressBarProps) {
  const determinate = typeof value === 'number' && Number.isFinite(value);
  const clamped = determinate ? Math.min(Math.max(value, 0), max) : 0;
  const percent = max > 0 ? Math.round((clamped / max) * 100) : 0;
  const text = determinate ? (valueText ?? `${percent}%`) : valueText;

  return (
    <div className={cx('progress', `progress--${tone}`, !determinate && 'progress--indeterminate')}>
      <div
        className="progress__track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={determinate ? clamped : undefined}
        aria-valuetext={text}
      >
        <div className="progress__fill" style={determinate ? { width: `${percent}%` } : undefined} />
      </div>
      {showValue && text && (
        <span className="progress__value" aria-hidden="true">
          {text}
        </span>
      )}
    </div>
  );
}

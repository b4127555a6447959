import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../../components';

const TONES: Record<string, BadgeTone> = {
  pending: 'neutral',
  active: 'info',
  completed: 'success',
  failed: 'danger',
  canceled: 'warning',
};

export const BACKTEST_STATUSES = ['pending', 'active', 'completed', 'failed', 'canceled'] as const;
export type BacktestStatus = (typeof BACKTEST_STATUSES)[number];

export function useStatusLabel() {
  const { t } = useTranslation();
  return (status: string) =>
    (BACKTEST_STATUSES as readonly string[]).includes(status)
      ? t(`exStatus.${status as BacktestStatus}`)
      : status;
}

export function StatusBadge({ status }: { status: string }) {
  const label = useStatusLabel();
  return (
    <Badge tone={TONES[status] ?? 'neutral'} dot>
      {label(status)}
    </Badge>
  );
}

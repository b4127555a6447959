import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../components';

export const REFUND_STATUSES = ['pending', 'held', 'processing', 'approved', 'failed', 'rejected'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

const REFUND_TONES: Record<RefundStatus, BadgeTone> = {
  pending: 'info',
  held: 'warning',
  processing: 'info',
  approved: 'success',
  failed: 'danger',
  rejected: 'neutral',
};

export function RefundStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const known = (REFUND_STATUSES as readonly string[]).includes(status) ? (status as RefundStatus) : null;
  return (
    <Badge tone={known ? REFUND_TONES[known] : 'neutral'} dot data-status={status}>
      {known ? t(`acctCommon.refundStatus.${known}`) : status}
    </Badge>
  );
}

const PAYMENT_TONES: Partial<Record<string, BadgeTone>> = {
  DONE: 'success',
  CANCELED: 'neutral',
  PARTIAL_CANCELED: 'warning',
  ABORTED: 'danger',
  EXPIRED: 'neutral',
};

export function PaymentStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const key = status as 'DONE';
  return (
    <Badge tone={PAYMENT_TONES[status] ?? 'info'}>
      {t(`acctCommon.paymentStatus.${key}`, { defaultValue: status })}
    </Badge>
  );
}

import { AppException } from '@app/common';

/**
 * pending ──worker──▶ processing ──▶ approved | failed
 *    │                    ▲
 *    └──support reject──▶ rejected ◀──support reject── held ──support approve──▶ processing
 * failed ──support retry──▶ pending (a new gateway attempt and key)
 */
export const REFUND_STATUSES = ['pending', 'held', 'processing', 'approved', 'failed', 'rejected'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** At most one of these per payment (partial unique index). */
export const OPEN_REFUND_STATUSES: readonly RefundStatus[] = ['pending', 'held', 'processing'];

export type RefundAction = 'approve' | 'reject' | 'retry';

const ALLOWED: Record<RefundAction, readonly RefundStatus[]> = {
  approve: ['held'],
  reject: ['held', 'pending'],
  retry: ['failed'],
};

export function canTransition(action: RefundAction, from: RefundStatus): boolean {
  return ALLOWED[action].includes(from);
}

export function assertTransition(action: RefundAction, from: RefundStatus): void {
  if (!canTransition(action, from)) {
    throw new AppException(409, 'INVALID_REFUND_TRANSITION', `A ${from} refund cannot be ${action === 'retry' ? 'retried' : `${action}d`}`, {
      status: from,
      allowedFrom: ALLOWED[action],
    });
  }
}

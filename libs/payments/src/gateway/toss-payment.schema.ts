import { z } from 'zod';
import type { Payment, PaymentStatus } from './payment.types';

const statuses = [
  'READY',
  'IN_PROGRESS',
  'WAITING_FOR_DEPOSIT',
  'DONE',
  'CANCELED',
  'PARTIAL_CANCELED',
  'ABORTED',
  'EXPIRED',
] as const satisfies readonly PaymentStatus[];

const cancelSchema = z.object({
  transactionKey: z.string(),
  cancelAmount: z.number(),
  cancelReason: z.string(),
  taxFreeAmount: z
    .number()
    .nullish()
    .transform((v) => v ?? 0),
  refundableAmount: z
    .number()
    .nullish()
    .transform((v) => v ?? 0),
  canceledAt: z.string(),
  cancelStatus: z
    .string()
    .nullish()
    .transform((v) => v ?? 'DONE'),
});

/** Parses a Toss Payment object, keeping only the fields the integration uses. */
export const tossPaymentSchema = z.object({
  paymentKey: z.string(),
  orderId: z.string(),
  orderName: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  status: z.enum(statuses),
  method: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  currency: z
    .string()
    .nullish()
    .transform((v) => v ?? 'KRW'),
  totalAmount: z.number(),
  balanceAmount: z.number(),
  taxFreeAmount: z
    .number()
    .nullish()
    .transform((v) => v ?? 0),
  isPartialCancelable: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
  requestedAt: z
    .string()
    .nullish()
    .transform((v) => v ?? ''),
  approvedAt: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  lastTransactionKey: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  // Toss sends null rather than [] before the first cancel.
  cancels: z
    .array(cancelSchema)
    .nullish()
    .transform((v) => v ?? []),
}) satisfies z.ZodType<Payment, unknown>;

export const tossErrorSchema = z.object({ code: z.string(), message: z.string() });

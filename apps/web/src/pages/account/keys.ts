/** Query keys of the account screens. Invalidate `['credits']` to refresh the balance and the ledger together. */
export const accountKeys = {
  credits: ['credits'] as const,
  ledger: (offset: number, limit: number) => ['credits', 'ledger', { offset, limit }] as const,
  packages: ['public', 'payments', 'packages'] as const,
  payments: ['payments'] as const,
  paymentList: (offset: number, limit: number) => ['payments', 'list', { offset, limit }] as const,
  order: (orderId: string) => ['payments', 'order', orderId] as const,
  refunds: ['refunds'] as const,
  apiKeys: ['api-keys'] as const,
};

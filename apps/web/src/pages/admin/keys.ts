export const adminKeys = {
  all: ['admin'] as const,
  users: (email: string, offset: number) => ['admin', 'users', { email, offset }] as const,
  user: (id: string) => ['admin', 'user', id] as const,
  userLedger: (id: string) => ['admin', 'user', id, 'ledger'] as const,
  userPayments: (id: string) => ['admin', 'user', id, 'payments'] as const,
  audit: (filters: Record<string, string | number | undefined>) => ['admin', 'audit', filters] as const,
  refunds: (filters: Record<string, string | number | undefined>) => ['admin', 'refunds', filters] as const,
  refund: (id: string) => ['admin', 'refund', id] as const,
};

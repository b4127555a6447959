import { client, unwrap } from '../../api/client';

export const templatesQuery = {
  queryKey: ['strategies', 'templates'] as const,
  queryFn: () => unwrap(client.GET('/api/strategies/templates')),
  staleTime: 10 * 60_000,
};

export const symbolsQuery = {
  queryKey: ['market-data', 'symbols'] as const,
  queryFn: () => unwrap(client.GET('/api/market-data/symbols')),
  staleTime: 60_000,
};

export const CREDIT_BALANCE_KEY = ['credits', 'balance'] as const;

export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `bt-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

import { useQuery } from '@tanstack/react-query';
import { client, unwrap } from '../api/client';
import { useAccessToken } from './AuthProvider';

/** Stable key: invalidate it after anything that changes credits (`queryClient.invalidateQueries({ queryKey: CREDIT_BALANCE_KEY })`). */
export const CREDIT_BALANCE_KEY = ['credits', 'balance'] as const;

/** The signed-in user's credit balance (GET /api/credits); idle when signed out. */
export function useCreditBalance() {
  const token = useAccessToken();
  return useQuery({
    queryKey: CREDIT_BALANCE_KEY,
    queryFn: () => unwrap(client.GET('/api/credits')),
    enabled: token !== null,
    select: (data) => data.balance,
    staleTime: 15_000,
  });
}

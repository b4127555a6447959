import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/client';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        // Client errors (4xx) will not fix themselves; retry only network and server errors.
        retry: (failureCount, error) => !(isApiError(error) && error.statusCode < 500) && failureCount < 2,
      },
    },
  });
}

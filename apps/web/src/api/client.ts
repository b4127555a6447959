import createClient, { type Middleware } from 'openapi-fetch';
import { authStore } from './authStore';
import { toApiError } from './errors';
import type { components, paths } from './schema';

export { ApiError, isApiError, type FieldError } from './errors';
export { authStore, type AuthTokens } from './authStore';
export type { components, paths };

/** Shorthand for a generated schema type: `Schema<'ReadinessDto'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

export const authMiddleware: Middleware = {
  onRequest({ request }) {
    const token = authStore.getAccessToken();
    if (token && !request.headers.has('Authorization')) {
      request.headers.set('Authorization', `Bearer ${token}`);
    }
    return request;
  },
};

export interface ApiClientOptions {
  baseUrl?: string;
  fetch?: (input: Request) => Promise<Response>;
}

export function createApiClient(options: ApiClientOptions = {}) {
  const api = createClient<paths>({
    baseUrl: options.baseUrl ?? '',
    // Resolved per call (not captured at start-up) so tests can stub globalThis.fetch.
    fetch: options.fetch ?? ((request) => globalThis.fetch(request)),
  });
  api.use(authMiddleware);
  return api;
}

/** The app-wide typed client (same origin). Every API call goes through it. */
export const client = createApiClient();

interface ApiResult<Data> {
  data?: Data;
  error?: unknown;
  response: Response;
}

/**
 * Returns the response data, or throws an ApiError built from the error body.
 * `const ready = await unwrap(client.GET('/health/ready'));`
 */
export async function unwrap<Data>(pending: Promise<ApiResult<Data>> | ApiResult<Data>): Promise<Data> {
  const result = await pending;
  if (!result.response.ok || result.error !== undefined) throw toApiError(result.error, result.response);
  return result.data as Data;
}

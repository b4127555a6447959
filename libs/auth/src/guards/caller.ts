import { AppException } from '@app/common';
import type { AuthService, Credentials } from '../auth.service';
import type { AuthUser } from '../auth.types';

const CALLER = Symbol('stratbench.caller');

interface HttpLikeRequest {
  headers?: Record<string, string | string[] | undefined>;
  [CALLER]?: Promise<AuthUser | null>;
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The credentials of a request; 401 for an Authorization header that is not a Bearer token. */
export function credentialsOf(headers: HttpLikeRequest['headers'] = {}): Credentials {
  const authorization = first(headers.authorization)?.trim();
  const apiKey = first(headers['x-api-key'])?.trim() || undefined;
  if (!authorization) return { apiKey };
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match) throw new AppException(401, 'UNAUTHORIZED', 'Authorization must be "Bearer <access token>"');
  return { bearer: match[1], apiKey };
}

/**
 * Who sent the request: null without credentials, a rejected promise (401) for bad ones.
 * Memoised on the request, so the throttler and the auth guard authenticate only once.
 */
export function resolveCaller(req: HttpLikeRequest, auth: AuthService): Promise<AuthUser | null> {
  req[CALLER] ??= (async () => {
    const credentials = credentialsOf(req.headers);
    if (!credentials.bearer && !credentials.apiKey) return null;
    return auth.authenticate(credentials);
  })();
  return req[CALLER];
}

import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { API_KEY_PREFIX, isStaff, type AuthService, type Credentials } from '@app/auth';

export const BOARD_BASE_PATH = '/admin/queues';
export const BOARD_COOKIE = 'sb_queue_board';

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** Bearer header, X-API-Key, `?token=` (a JWT or an API key) or the board cookie set by an earlier `?token=`. */
function credentialsOf(req: Request): { credentials: Credentials; fromQuery?: string } {
  const bearer = /^Bearer\s+(\S+)$/i.exec(first(req.headers.authorization)?.trim() ?? '')?.[1];
  const apiKey = first(req.headers['x-api-key'])?.trim() || undefined;
  if (bearer || apiKey) return { credentials: { bearer, apiKey } };
  const query = typeof req.query.token === 'string' ? req.query.token.trim() : undefined;
  const token = query || cookie(req, BOARD_COOKIE);
  if (!token) return { credentials: {} };
  // API keys have a recognisable prefix; anything else is taken as an access token.
  const credentials = token.startsWith(API_KEY_PREFIX) ? { apiKey: token } : { bearer: token };
  return { credentials, fromQuery: query };
}

const deny = (res: Response, statusCode: 401 | 403, code: string, message: string) =>
  res.status(statusCode).json({ statusCode, code, message });

/**
 * Guards Bull Board (plain Express, outside Nest's guards): support and admin only, 401/403 JSON
 * otherwise. A `?token=` is moved into an HttpOnly cookie scoped to the board so that the board's
 * own requests stay authenticated.
 */
export function queueBoardAuth(auth: AuthService, secureCookie: boolean): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const { credentials, fromQuery } = credentialsOf(req);
    if (!credentials.bearer && !credentials.apiKey) {
      deny(res, 401, 'UNAUTHORIZED', 'Authentication required: a Bearer token, an X-API-Key or ?token=');
      return;
    }
    auth.authenticate(credentials).then(
      (user) => {
        if (!isStaff(user))
          return deny(res, 403, 'FORBIDDEN', 'The queue dashboard is for support and admin');
        if (fromQuery) {
          res.cookie(BOARD_COOKIE, fromQuery, {
            httpOnly: true,
            sameSite: 'strict',
            secure: secureCookie,
            path: BOARD_BASE_PATH,
          });
        }
        next();
      },
      () => deny(res, 401, 'UNAUTHORIZED', 'Invalid or expired credentials'),
    );
  };
}

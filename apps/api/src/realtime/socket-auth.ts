import type { Socket } from 'socket.io';
import type { AuthService, AuthUser, Credentials } from '@app/auth';

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * Credentials of a socket.io handshake, in order: `auth: { token }` or `auth: { apiKey }` (browsers),
 * then the Authorization / X-API-Key headers (servers and scripts).
 */
export function handshakeCredentials(socket: Pick<Socket, 'handshake'>): Credentials {
  const auth = (socket.handshake.auth ?? {}) as Record<string, unknown>;
  const token = typeof auth.token === 'string' ? auth.token.replace(/^Bearer\s+/i, '').trim() : undefined;
  const apiKey = typeof auth.apiKey === 'string' ? auth.apiKey.trim() : undefined;
  if (token || apiKey) return { bearer: token || undefined, apiKey: apiKey || undefined };
  const headers = socket.handshake.headers;
  const bearer = /^Bearer\s+(\S+)$/i.exec(first(headers.authorization)?.trim() ?? '')?.[1];
  return { bearer, apiKey: first(headers['x-api-key'])?.trim() || undefined };
}

export const userRoom = (userId: string) => `user:${userId}`;

/** The authenticated user of a socket, or null (then the connection is refused). */
export async function authenticateSocket(
  socket: Pick<Socket, 'handshake'>,
  auth: AuthService,
): Promise<AuthUser | null> {
  const credentials = handshakeCredentials(socket);
  if (!credentials.bearer && !credentials.apiKey) return null;
  return auth.authenticate(credentials).catch(() => null);
}

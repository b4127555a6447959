import { createHash } from 'node:crypto';

/** A strong validator: the same bytes always give the same tag. */
export function strongEtag(body: string): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/**
 * If-None-Match (RFC 9110 §13.1.2): `*` or any listed tag equal to ours under the weak comparison
 * (a `W/` prefix is ignored) means the client's copy is current.
 */
export function ifNoneMatchSatisfied(header: string | string[] | undefined, etag: string): boolean {
  if (!header) return false;
  const value = Array.isArray(header) ? header.join(',') : header;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return value.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

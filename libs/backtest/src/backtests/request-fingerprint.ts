import { createHash } from 'node:crypto';

/** JSON with every object's keys sorted (recursively); undefined properties are dropped, as JSON does. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const object = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(object)
        .sort()
        .map((k) => [k, object[k]]),
    );
  });
}

/** sha256 hex of the canonical JSON of a validated request: what an Idempotency-Key was first used with. */
export function requestFingerprint(request: object): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}

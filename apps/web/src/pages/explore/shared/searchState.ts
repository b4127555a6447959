import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

export type ParamValue = string | number | null | undefined;

/**
 * Screen state kept in the query string (shareable, survives reload and back/forward).
 * `update()` merges values, drops empty ones and values equal to their default, and resets
 * `offset` whenever anything but the offset changes.
 */
export function useSearchState<Defaults extends Record<string, string>>(defaults: Defaults) {
  const [params, setParams] = useSearchParams();
  const get = useCallback(
    (key: keyof Defaults & string): string => params.get(key) ?? defaults[key] ?? '',
    [params, defaults],
  );
  const update = useCallback(
    (changes: Record<string, ParamValue>) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            const text = value === null || value === undefined ? '' : String(value);
            if (text === '' || text === (defaults as Record<string, string>)[key]) next.delete(key);
            else next.set(key, text);
          }
          if (!('offset' in changes)) next.delete('offset');
          return next;
        },
        { replace: false },
      );
    },
    [setParams, defaults],
  );
  return { params, get, update };
}

/** A non-negative integer from the query string, or the fallback. */
export function intParam(value: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) && n >= 0 ? Math.min(n, max) : fallback;
}

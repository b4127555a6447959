import i18n from 'i18next';
import type { TFunction } from 'i18next';

/** A key built at run time (template id, parameter name); falls back when the key is missing. */
export function tDynamic(
  t: TFunction,
  key: string,
  fallback: string,
  options?: Record<string, unknown>,
): string {
  return i18n.exists(key)
    ? String((t as unknown as (k: string, o?: Record<string, unknown>) => string)(key, options))
    : fallback;
}

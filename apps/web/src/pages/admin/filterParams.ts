/** The console's list filters live in the URL: read them all (missing → ''), write back only the non-empty ones. */
export function readFilters<K extends string>(
  params: URLSearchParams,
  keys: readonly K[],
): Record<K, string> {
  return Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])) as Record<K, string>;
}

export function nonEmptyFilters<K extends string>(
  keys: readonly K[],
  values: Record<K, string>,
): Record<string, string> {
  return Object.fromEntries(keys.filter((k) => values[k]).map((k) => [k, values[k]]));
}

import type { EntityManager } from 'typeorm';

/**
 * Runs a statement with RETURNING and gives back its rows whatever the command: TypeORM's postgres
 * driver answers `[rows, count]` for UPDATE/DELETE and `rows` for the rest.
 */
export async function returning<T>(m: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const result: unknown = await m.query(sql, params);
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}

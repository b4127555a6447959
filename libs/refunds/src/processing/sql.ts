import type { DataSource, EntityManager } from 'typeorm';

/**
 * Rows of a statement with RETURNING whatever its command: TypeORM's postgres driver answers
 * `[rows, count]` for UPDATE/DELETE (also behind a WITH) and `rows` for the rest.
 */
export async function returning<T>(m: EntityManager | DataSource, sql: string, params: unknown[]): Promise<T[]> {
  const result: unknown = await m.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

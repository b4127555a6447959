import type { DataSource } from 'typeorm';

/** What a leaderboard entry shows live rather than as of the last refresh; null: no longer public. */
export type LiveFields = { name: string; author: string; copyCount: number } | null;

/** How long a strategy's live fields are reused: the same as a memoised page (PAGE_TTL_MS). */
export const LIVE_FIELDS_TTL_MS = 1000;
const MAX_ENTRIES = 50_000;

/**
 * Name, author and copy count of leaderboard strategies, and whether they are still public, read by
 * id and kept for a second: the top of every sort shows the same strategies, so most pages need no
 * query. A rename or a strategy made private shows within that second (pages are memoised as long).
 */
export class LiveStrategyFields {
  private readonly entries = new Map<string, { at: number; fields: LiveFields }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => number = () => performance.now(),
  ) {}

  async get(ids: readonly string[]): Promise<Map<string, LiveFields>> {
    const now = this.now();
    const out = new Map<string, LiveFields>();
    const missing: string[] = [];
    for (const id of ids) {
      const entry = this.entries.get(id);
      if (entry && now - entry.at <= LIVE_FIELDS_TTL_MS) out.set(id, entry.fields);
      else missing.push(id);
    }
    if (missing.length === 0) return out;
    const rows = (await this.dataSource.query(
      `SELECT s.id, s.name, s.copy_count, u.display_name
         FROM strategies s JOIN users u ON u.id = s.owner_id
        WHERE s.id = ANY($1::uuid[]) AND s.visibility = 'public'`,
      [missing],
    )) as Array<{ id: string; name: string; copy_count: number; display_name: string }>;
    const found = new Map(
      rows.map((r) => [r.id, { name: r.name, author: r.display_name, copyCount: r.copy_count }]),
    );
    if (this.entries.size + missing.length > MAX_ENTRIES) this.entries.clear();
    for (const id of missing) {
      const fields = found.get(id) ?? null;
      this.entries.set(id, { at: now, fields });
      out.set(id, fields);
    }
    return out;
  }

  /** Forget everything (a refresh in this process: new names and copy counts are expected at once). */
  clear(): void {
    this.entries.clear();
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditLogEntity } from './audit-log.entity';

export interface AuditRecordInput {
  /** The user who acted; null/undefined for the system. */
  actorId?: string | null;
  /** Dotted verb, e.g. `user.update`, `credits.adjust`, `refund.approve`. */
  action: string;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
}

/** A staff member reading a trader's data (`user.view`, `refund.list`, …). */
export interface StaffReadInput {
  actorId: string;
  /** Dotted `noun.verb` like the changes, e.g. `refund.view`, `backtest.list`. */
  action: string;
  /** The trader whose data was read; omitted for a list across traders. */
  subjectUserId?: string;
  /** Which record was read or which filter was used; stored in `after`. */
  details?: Record<string, unknown>;
}

/** An identical staff read (same actor, action, subject and details) within this window is recorded once. */
export const READ_REPEAT_WINDOW_SECONDS = 600;

/** targetId of a read that spans traders (a queue or a search without one named user). */
export const ANY_USER = '*';

export interface AuditQuery {
  action?: string;
  targetType?: string;
  targetId?: string;
  actorId?: string;
  limit: number;
  offset: number;
}

@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Pass `manager` to make the record part of the caller's transaction. */
  async record(input: AuditRecordInput, manager?: EntityManager): Promise<AuditLogEntity> {
    const repo = (manager ?? this.dataSource.manager).getRepository(AuditLogEntity);
    return repo.save(
      repo.create({
        actorId: input.actorId ?? null,
        action: input.action,
        targetType: input.targetType,
        targetId: input.targetId,
        before: input.before ?? null,
        after: input.after ?? null,
      }),
    );
  }

  /**
   * Reads are filed under the trader (targetType `user`, targetId their id, or ANY_USER), so one
   * filter on the trader shows who looked at them; `before` stays null. Reading your own data is not
   * recorded, nor the same read by the same staff member again within READ_REPEAT_WINDOW_SECONDS (the
   * console polls its queue pages: one entry per look, not one per refresh). Never throws: a lost read
   * entry is logged as a warning and the read still answers, since refusing support their console
   * whenever the audit table hiccups is the worse failure.
   */
  async recordRead(input: StaffReadInput): Promise<void> {
    if (input.subjectUserId === input.actorId) return;
    const targetId = input.subjectUserId ?? ANY_USER;
    try {
      await this.dataSource.query(
        `INSERT INTO audit_log (actor_id, action, target_type, target_id, after)
         SELECT $1::uuid, $2::varchar, 'user', $3::varchar, $4::jsonb
          WHERE NOT EXISTS (
                SELECT 1 FROM audit_log
                 WHERE target_type = 'user' AND target_id = $3 AND actor_id = $1 AND action = $2
                   AND after IS NOT DISTINCT FROM $4::jsonb AND at > now() - make_interval(secs => $5::float8))`,
        [input.actorId, input.action, targetId, input.details === undefined ? null : JSON.stringify(input.details), READ_REPEAT_WINDOW_SECONDS],
      );
    } catch (error) {
      this.logger.warn(`audit entry ${input.action} by ${input.actorId} of ${targetId} was not written: ${(error as Error).message}`);
    }
  }

  /** Newest first. */
  async list(query: AuditQuery): Promise<{ items: AuditLogEntity[]; total: number }> {
    const where: Partial<Record<'action' | 'targetType' | 'targetId' | 'actorId', string>> = {};
    if (query.action) where.action = query.action;
    if (query.targetType) where.targetType = query.targetType;
    if (query.targetId) where.targetId = query.targetId;
    if (query.actorId) where.actorId = query.actorId;
    const [items, total] = await this.dataSource.getRepository(AuditLogEntity).findAndCount({
      where,
      order: { at: 'DESC', id: 'DESC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items, total };
  }
}

import { Injectable } from '@nestjs/common';
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

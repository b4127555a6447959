import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AppException, LeaderboardCacheInvalidator } from '@app/common';
import { listTemplates, parseStrategySpec, type TemplateInfo } from '@app/engine';
import type { CreateStrategyDto, UpdateStrategyDto } from './strategies.dto';
import { StrategyEntity } from './strategy.entity';

export const strategyNotFound = () => new AppException(404, 'STRATEGY_NOT_FOUND', 'Strategy not found');

/** Strategies belong to their owner; public ones are readable (and runnable) by every user. */
@Injectable()
export class StrategiesService {
  private templates?: TemplateInfo[];

  constructor(
    @InjectRepository(StrategyEntity) private readonly strategies: Repository<StrategyEntity>,
    private readonly leaderboardCache: LeaderboardCacheInvalidator,
  ) {}

  listTemplates(): TemplateInfo[] {
    this.templates ??= listTemplates();
    return this.templates;
  }

  create(ownerId: string, input: CreateStrategyDto): Promise<StrategyEntity> {
    return this.strategies.save(
      this.strategies.create({
        ownerId,
        name: input.name.trim(),
        description: input.description ?? null,
        spec: parseStrategySpec(input.spec),
        visibility: input.visibility ?? 'private',
        copiedFrom: null,
        copyCount: 0,
      }),
    );
  }

  async list(userId: string, query: { scope: 'mine' | 'public'; limit: number; offset: number }) {
    const where = query.scope === 'public' ? { visibility: 'public' as const } : { ownerId: userId };
    const [items, total] = await this.strategies.findAndCount({
      where,
      order: { createdAt: 'DESC', id: 'DESC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items, total };
  }

  /** The caller's own strategy or a public one; anything else is "not found". */
  async getReadable(userId: string, id: string): Promise<StrategyEntity> {
    const strategy = await this.strategies.findOneBy({ id });
    if (!strategy || (strategy.ownerId !== userId && strategy.visibility !== 'public'))
      throw strategyNotFound();
    return strategy;
  }

  async update(userId: string, id: string, changes: UpdateStrategyDto): Promise<StrategyEntity> {
    const strategy = await this.getOwned(userId, id);
    const before = { name: strategy.name, visibility: strategy.visibility };
    if (changes.name !== undefined) strategy.name = changes.name.trim();
    if (changes.description !== undefined) strategy.description = changes.description;
    if (changes.spec !== undefined) strategy.spec = parseStrategySpec(changes.spec);
    if (changes.visibility !== undefined) strategy.visibility = changes.visibility;
    const saved = await this.strategies.save(strategy);
    if (
      before.visibility === 'public' &&
      (strategy.visibility !== 'public' || strategy.name !== before.name)
    ) {
      await this.leaderboardCache.invalidate();
    }
    return saved;
  }

  /** Past backtests keep their frozen copy of the spec (their strategy_id becomes null). */
  async remove(userId: string, id: string): Promise<void> {
    const strategy = await this.getOwned(userId, id);
    await this.strategies.delete({ id: strategy.id });
    if (strategy.visibility === 'public') await this.leaderboardCache.invalidate();
  }

  private async getOwned(userId: string, id: string): Promise<StrategyEntity> {
    const strategy = await this.strategies.findOneBy({ id, ownerId: userId });
    if (!strategy) throw strategyNotFound();
    return strategy;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { StrategyEntity, strategyNotFound } from '@app/backtest';

const NAME_MAX = 100;
const COPY_SUFFIX = ' (copy)';

export const copyName = (name: string) => `${name.slice(0, NAME_MAX - COPY_SUFFIX.length)}${COPY_SUFFIX}`;

/**
 * "Copy" on the leaderboard: a private copy for the caller that remembers its source. The source's
 * copy count goes up in the same transaction, under its row lock, once per user who copies it: an
 * author copying their own strategy, or a user copying again while holding a copy, adds nothing
 * (otherwise the count would be trivially inflatable).
 */
@Injectable()
export class StrategyCopyService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  copy(userId: string, sourceId: string): Promise<StrategyEntity> {
    return this.dataSource.transaction(async (m) => {
      const source = await m
        .getRepository(StrategyEntity)
        .createQueryBuilder('s')
        .setLock('pessimistic_write')
        .where('s.id = :sourceId', { sourceId })
        .getOne();
      if (!source || (source.visibility !== 'public' && source.ownerId !== userId)) throw strategyNotFound();

      const alreadyCopied = await m.getRepository(StrategyEntity).exists({ where: { ownerId: userId, copiedFrom: source.id } });
      if (source.ownerId !== userId && !alreadyCopied) {
        await m.query(`UPDATE strategies SET copy_count = copy_count + 1 WHERE id = $1`, [source.id]);
      }
      const repo = m.getRepository(StrategyEntity);
      return repo.save(
        repo.create({
          ownerId: userId,
          name: copyName(source.name),
          description: source.description,
          spec: source.spec,
          visibility: 'private',
          copiedFrom: source.id,
          copyCount: 0,
        }),
      );
    });
  }
}

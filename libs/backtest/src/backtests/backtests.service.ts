import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QueryFailedError, type DataSource } from 'typeorm';
import { AppException, AuditService, PLAN_PRIORITY } from '@app/common';
import { isStaff, type AuthUser } from '@app/auth';
import { CreditsService } from '@app/credits';
import { rulesWarmupBar, TEMPLATES, type StrategySpec } from '@app/engine';
import { MarketDataLoader, timeframeToMs, type LoadedMarketData } from '@app/market-data';
import { StrategiesService } from '../strategies/strategies.service';
import { checkStrategySpec } from '../strategies/strategy-spec.validator';
import { backtestCost, rangeDays } from './backtest-cost';
import { BacktestQueue } from './backtest-queue';
import { BacktestResultEntity } from './backtest-result.entity';
import { BacktestSettlement, chargeKey } from './backtest-settlement.service';
import { BacktestEntity, FINISHED_STATUSES, type BacktestStatus } from './backtest.entity';
import type { BacktestListQueryDto, BacktestQuoteQueryDto, SubmitBacktestDto } from './backtests.dto';
import { CancelFlags } from './cancel-flags';
import { requestFingerprint } from './request-fingerprint';

export const backtestNotFound = () => new AppException(404, 'BACKTEST_NOT_FOUND', 'Backtest not found');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WEEK_MS = 7 * 86_400_000;
const SORT_COLUMNS = { created: 'b.created_at', return: 'b.return_pct', sharpe: 'b.sharpe' } as const;

const idempotencyKeyReused = () =>
  new AppException(
    422,
    'IDEMPOTENCY_KEY_REUSED',
    'This Idempotency-Key was already used with a different request',
  );

const fieldError = (field: string, message: string) =>
  new AppException(400, 'VALIDATION_FAILED', `Invalid request: ${field}: ${message}`, {
    fields: [{ field, messages: [message] }],
  });

/** Bars the strategy needs: its warm-up plus at least one bar to trade on (the engine's own rule). */
export function barsNeeded(spec: StrategySpec): number {
  const warmup =
    spec.kind === 'template' ? TEMPLATES[spec.template].warmupBar(spec.params) : rulesWarmupBar(spec.rules);
  return warmup + 2;
}

export interface SubmitOutcome {
  backtest: BacktestEntity;
  /** True when the Idempotency-Key had been used: nothing was charged or enqueued now. */
  replayed: boolean;
}

/** The API side of backtests: price, charge + record + enqueue, read, cancel. */
@Injectable()
export class BacktestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly credits: CreditsService,
    private readonly strategies: StrategiesService,
    private readonly loader: MarketDataLoader,
    private readonly queue: BacktestQueue,
    private readonly settlement: BacktestSettlement,
    private readonly cancelFlags: CancelFlags,
    private readonly audit: AuditService,
  ) {}

  async quote(user: AuthUser, query: BacktestQuoteQueryDto) {
    const { from, to } = parseRange(query.from, query.to);
    const cost = backtestCost(from, to);
    const balance = await this.credits.getBalance(user.id);
    return { cost, balance, sufficient: balance >= cost, days: Math.round(rangeDays(from, to) * 100) / 100 };
  }

  async submit(user: AuthUser, input: SubmitBacktestDto, idempotencyKey?: string): Promise<SubmitOutcome> {
    const fingerprint = idempotencyKey === undefined ? null : requestFingerprint(input);
    if (idempotencyKey !== undefined) {
      const earlier = await this.findByIdempotencyKey(user.id, idempotencyKey);
      if (earlier) return this.replay(earlier, fingerprint);
    }
    const strategy = await this.resolveStrategy(user.id, input);
    const { from, to } = parseRange(input.from, input.to);
    const data = await this.loadData(user.id, input.symbol, input.timeframe, from, to);
    const needed = barsNeeded(strategy.spec);
    const bars = data.series.time.length;
    if (bars < needed) {
      throw new AppException(
        422,
        'NOT_ENOUGH_BARS',
        `${strategy.name} needs at least ${needed} ${data.timeframe} bars for its warm-up; ${data.symbol.ticker} has ${bars} in this range`,
        { bars, required: needed },
      );
    }

    const backtest = this.dataSource.getRepository(BacktestEntity).create({
      id: randomUUID(),
      userId: user.id,
      strategyId: strategy.id,
      strategyName: strategy.name,
      strategySpec: strategy.spec,
      options: {
        cash: input.cash,
        commission: input.commission,
        spread: input.spread,
        finalize: input.finalize,
        tradeOnClose: input.tradeOnClose,
        fractional: input.fractional,
      },
      symbolId: data.symbol.id,
      symbol: data.symbol.ticker,
      timeframe: data.timeframe,
      periodFrom: from,
      periodTo: to,
      plan: user.plan,
      priority: PLAN_PRIORITY[user.plan],
      cost: backtestCost(from, to),
      status: 'pending',
      progress: 0,
      attempts: 0,
      idempotencyKey: idempotencyKey ?? null,
      idempotencyFingerprint: fingerprint,
      progressStep: null,
      cancelRequestedAt: null,
      startedAt: null,
      finishedAt: null,
      queueWaitMs: null,
      error: null,
      errorCode: null,
      metrics: null,
      returnPct: null,
      sharpe: null,
      cagrPct: null,
      maxDrawdownPct: null,
      tradeCount: null,
    });

    let saved: BacktestEntity;
    try {
      saved = await this.dataSource.transaction(async (m) => {
        await this.spend(backtest, m);
        // insert() reads the database defaults (created_at, updated_at) back into the entity.
        await m.getRepository(BacktestEntity).insert(backtest);
        return backtest;
      });
    } catch (error) {
      if (idempotencyKey !== undefined && isUniqueViolation(error)) {
        // A concurrent request with the same key won the race: answer with its job.
        const winner = await this.findByIdempotencyKey(user.id, idempotencyKey);
        if (winner) return this.replay(winner, fingerprint);
      }
      throw error;
    }
    await this.queue.enqueueOrLeaveToReconciler(saved);
    return { backtest: saved, replayed: false };
  }

  async get(user: AuthUser, id: string): Promise<{ backtest: BacktestEntity; queuePosition?: number }> {
    const backtest = await this.getReadable(user, id);
    await this.auditRead(user, 'backtest.view', backtest);
    if (backtest.status !== 'pending') return { backtest };
    return { backtest, queuePosition: await this.queuePosition(backtest) };
  }

  async getResult(user: AuthUser, id: string): Promise<BacktestResultEntity> {
    const backtest = await this.getReadable(user, id);
    if (backtest.status !== 'completed') {
      throw new AppException(
        409,
        'BACKTEST_NOT_COMPLETED',
        `The backtest is ${backtest.status}; a result exists once it has completed`,
        {
          status: backtest.status,
        },
      );
    }
    const result = await this.dataSource.getRepository(BacktestResultEntity).findOneBy({ backtestId: id });
    if (!result) throw new AppException(404, 'RESULT_NOT_FOUND', 'The result of this backtest is missing');
    await this.auditRead(user, 'backtest.result.view', backtest);
    return result;
  }

  /** The caller's backtests; support/admin may name another user (`query.userId`), a trader gets 404 for that. */
  async list(
    user: AuthUser,
    query: BacktestListQueryDto,
  ): Promise<{ items: BacktestEntity[]; total: number }> {
    const userId = query.userId ?? user.id;
    if (userId !== user.id && !isStaff(user)) throw new AppException(404, 'NOT_FOUND', 'Backtests not found');
    const qb = this.dataSource
      .getRepository(BacktestEntity)
      .createQueryBuilder('b')
      .where('b.user_id = :userId', { userId });
    if (query.status) qb.andWhere('b.status = :status', { status: query.status });
    if (query.symbol) qb.andWhere('b.symbol = :symbol', { symbol: query.symbol });
    if (query.strategyId) qb.andWhere('b.strategy_id = :strategyId', { strategyId: query.strategyId });
    const direction = query.order === 'asc' ? 'ASC' : 'DESC';
    qb.orderBy(SORT_COLUMNS[query.sort], direction, direction === 'ASC' ? 'NULLS LAST' : 'NULLS LAST');
    if (query.sort !== 'created') qb.addOrderBy('b.created_at', 'DESC');
    qb.addOrderBy('b.id', 'DESC').take(query.limit).skip(query.offset);
    const [items, total] = await qb.getManyAndCount();
    const { status, symbol, strategyId, sort, order, limit, offset } = query;
    await this.audit.recordRead({
      actorId: user.id,
      action: 'backtest.list',
      subjectUserId: userId,
      details: { filter: { status, symbol, strategyId, sort, order, limit, offset } },
    });
    return { items, total };
  }

  /**
   * Waiting (or between retries): removed from the queue and refunded now. Running: a flag asks the
   * worker to stop at its next step; the worker refunds. Finished: 409.
   */
  async cancel(user: AuthUser, id: string): Promise<BacktestEntity> {
    const backtest = await this.getOwned(user, id);
    if (FINISHED_STATUSES.includes(backtest.status)) throw finishedConflict(backtest.status);

    if (backtest.status === 'pending' && (await this.removeFromQueue(id))) {
      const settled = await this.settlement.finishWithRefund(id, 'canceled', ['pending'], {
        message: 'Canceled by the user',
        code: 'CANCELED',
      });
      if (settled) {
        await this.queue.publishCanceled(id, backtest.userId);
        return this.reload(id);
      }
    }
    // Running (or picked up meanwhile): ask the worker to stop.
    await this.cancelFlags.request(id);
    await this.dataSource.query(
      `UPDATE backtests SET cancel_requested_at = COALESCE(cancel_requested_at, now()), updated_at = now()
        WHERE id = $1 AND status IN ('pending', 'active')`,
      [id],
    );
    const current = await this.reload(id);
    if (current.status === 'completed' || current.status === 'failed') throw finishedConflict(current.status);
    return current;
  }

  /** For the realtime bridge: who owns a job (failed events carry only the job id). */
  async findForEvent(id: string): Promise<Pick<BacktestEntity, 'id' | 'userId' | 'status' | 'error'> | null> {
    return this.dataSource
      .getRepository(BacktestEntity)
      .findOne({ where: { id }, select: ['id', 'userId', 'status', 'error'] });
  }

  private async queuePosition(backtest: BacktestEntity): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS ahead FROM backtests
        WHERE status = 'pending' AND id <> $3 AND (priority < $1 OR (priority = $1 AND created_at < $2))`,
      [backtest.priority, backtest.createdAt, backtest.id],
    );
    return (row?.ahead ?? 0) + 1;
  }

  /** True when the job is no longer in Redis (removed now, or never enqueued); false when a worker holds it. */
  private async removeFromQueue(id: string): Promise<boolean> {
    const job = await this.queue.queue.getJob(id);
    if (!job) return true;
    try {
      await job.remove();
      return true;
    } catch {
      return false; // locked by a worker: it is running
    }
  }

  private async spend(backtest: BacktestEntity, m: Parameters<CreditsService['spend']>[1]): Promise<void> {
    try {
      await this.credits.spend(
        {
          userId: backtest.userId,
          amount: backtest.cost,
          reason: 'backtest_charge',
          reference: { type: 'backtest', id: backtest.id },
          idempotencyKey: chargeKey(backtest.id),
        },
        m,
      );
    } catch (error) {
      if (error instanceof AppException && error.code === 'INSUFFICIENT_CREDITS') {
        const details = (error.details ?? {}) as { balance?: number; required?: number };
        throw new AppException(
          402,
          'INSUFFICIENT_CREDITS',
          `This backtest costs ${backtest.cost} credits; the balance is ${details.balance ?? 0}`,
          {
            balance: details.balance ?? 0,
            required: backtest.cost,
            cost: backtest.cost,
          },
        );
      }
      throw error;
    }
  }

  private async replay(backtest: BacktestEntity, fingerprint: string | null): Promise<SubmitOutcome> {
    // Rows from before fingerprints were recorded have none: they replay as they always did.
    if (backtest.idempotencyFingerprint !== null && backtest.idempotencyFingerprint !== fingerprint) {
      throw idempotencyKeyReused();
    }
    // The first request may have died between its commit and its enqueue.
    if (backtest.status === 'pending') await this.queue.enqueueOrLeaveToReconciler(backtest);
    return { backtest, replayed: true };
  }

  private findByIdempotencyKey(userId: string, idempotencyKey: string): Promise<BacktestEntity | null> {
    return this.dataSource.getRepository(BacktestEntity).findOneBy({ userId, idempotencyKey });
  }

  /** Reading (not canceling): support/admin may look at anyone's job, e.g. from the support console. */
  private async getReadable(user: AuthUser, id: string): Promise<BacktestEntity> {
    const backtest = await this.dataSource.getRepository(BacktestEntity).findOneBy({ id });
    if (!backtest || (backtest.userId !== user.id && !isStaff(user))) throw backtestNotFound();
    return backtest;
  }

  /** Staff reading someone else's job; the owner's own reads are not recorded. */
  private auditRead(user: AuthUser, action: string, backtest: BacktestEntity): Promise<void> {
    return this.audit.recordRead({
      actorId: user.id,
      action,
      subjectUserId: backtest.userId,
      details: { backtestId: backtest.id },
    });
  }

  private async getOwned(user: AuthUser, id: string): Promise<BacktestEntity> {
    const backtest = await this.dataSource.getRepository(BacktestEntity).findOneBy({ id });
    if (!backtest || backtest.userId !== user.id) throw backtestNotFound();
    return backtest;
  }

  private reload(id: string): Promise<BacktestEntity> {
    return this.dataSource.getRepository(BacktestEntity).findOneByOrFail({ id });
  }

  private async resolveStrategy(
    userId: string,
    input: SubmitBacktestDto,
  ): Promise<{ id: string | null; name: string; spec: StrategySpec }> {
    if (input.strategyId !== undefined && input.strategy !== undefined) {
      throw fieldError('strategy', 'give either strategyId or strategy, not both');
    }
    if (input.strategyId !== undefined) {
      const saved = await this.strategies.getReadable(userId, input.strategyId).catch((error: unknown) => {
        if (error instanceof AppException && error.getStatus() === 404) {
          throw new AppException(
            422,
            'STRATEGY_NOT_FOUND',
            'strategyId names no strategy of yours and no public strategy',
          );
        }
        throw error;
      });
      const verdict = checkStrategySpec(saved.spec);
      if (!verdict.ok)
        throw new AppException(
          422,
          'INVALID_STRATEGY',
          `The saved strategy is no longer valid: ${verdict.message}`,
        );
      return { id: saved.id, name: saved.name, spec: verdict.spec };
    }
    const verdict = checkStrategySpec(input.strategy);
    if (!verdict.ok) throw fieldError('strategy', verdict.message);
    return { id: null, name: 'Inline strategy', spec: verdict.spec };
  }

  private async loadData(
    userId: string,
    symbol: string,
    timeframe: string,
    from: Date,
    to: Date,
  ): Promise<LoadedMarketData> {
    const target = UUID.test(symbol) ? { symbolId: symbol } : { ticker: symbol };
    let data: LoadedMarketData;
    try {
      data = await this.loader.load({
        ...target,
        ownerId: userId,
        timeframe,
        from: from.getTime(),
        to: to.getTime(),
      });
    } catch (error) {
      if (error instanceof AppException && error.code === 'SYMBOL_NOT_FOUND') {
        throw new AppException(422, 'SYMBOL_NOT_FOUND', `No market data named '${symbol}' is visible to you`);
      }
      throw error;
    }
    const { firstTime, lastTime } = data.symbol;
    // Weekends and holidays at the edges are tolerated: a range may start on 1 Jan when the first bar is 3 Jan.
    const slack = Math.max(WEEK_MS, 3 * timeframeToMs(data.timeframe));
    if (
      firstTime === null ||
      lastTime === null ||
      from.getTime() < firstTime - slack ||
      to.getTime() > lastTime + slack
    ) {
      throw new AppException(
        422,
        'RANGE_OUTSIDE_HISTORY',
        `${data.symbol.ticker} has data from ${iso(firstTime)} to ${iso(lastTime)}; the range ${iso(from.getTime())} – ${iso(to.getTime())} is not inside it`,
        {
          firstTime: firstTime === null ? null : new Date(firstTime),
          lastTime: lastTime === null ? null : new Date(lastTime),
        },
      );
    }
    return data;
  }
}

/** Inclusive bounds; a date without a time is midnight UTC (bar times are UTC). */
export function parseRange(fromText: string, toText: string): { from: Date; to: Date } {
  const from = new Date(fromText);
  const to = new Date(toText);
  if (Number.isNaN(from.getTime())) throw fieldError('from', 'from must be a date');
  if (Number.isNaN(to.getTime())) throw fieldError('to', 'to must be a date');
  if (to.getTime() <= from.getTime()) throw fieldError('to', 'to must be after from');
  return { from, to };
}

const iso = (ms: number | null) => (ms === null ? 'nothing' : new Date(ms).toISOString().slice(0, 10));

function finishedConflict(status: BacktestStatus): AppException {
  return new AppException(409, 'BACKTEST_FINISHED', `The backtest is already ${status}`, { status });
}

function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof QueryFailedError && (error as QueryFailedError & { code?: string }).code === '23505'
  );
}

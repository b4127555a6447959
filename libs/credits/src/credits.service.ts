import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { AppException, AuditService } from '@app/common';
import { applyChange, type ChangeRule } from './credit-math';
import { CreditLedgerEntryEntity } from './credit-ledger-entry.entity';
import type { CreditReason } from './credit-reasons';

export interface CreditReference {
  /** e.g. `backtest_job`, `payment_order`, `refund`, `user`. */
  type: string;
  id: string;
}

interface CreditChangeBase {
  userId: string;
  /** Positive integer number of credits. */
  amount: number;
  /**
   * Unique across the whole ledger (≤ 200 chars), e.g. `purchase:<orderId>`, `charge:<jobId>`.
   * Repeating it returns the first result and changes nothing.
   */
  idempotencyKey: string;
  reference?: CreditReference;
  note?: string;
  /** The person behind the change (admin adjustments). */
  actorId?: string;
}

export type GrantReason = Extract<CreditReason, 'signup_bonus' | 'purchase' | 'backtest_refund' | 'admin_adjustment'>;
export type SpendReason = Extract<CreditReason, 'backtest_charge' | 'admin_adjustment'>;

export interface GrantInput extends CreditChangeBase {
  reason: GrantReason;
}

export interface SpendInput extends CreditChangeBase {
  /** Default `backtest_charge`. */
  reason?: SpendReason;
}

export interface ClawbackInput extends CreditChangeBase {
  /**
   * false (default): refuse with 402 INSUFFICIENT_CREDITS when the balance is short.
   * true: take what is left (possibly nothing); `entry.amount` says how much was taken.
   */
  allowPartial?: boolean;
}

export interface AdjustInput {
  userId: string;
  /** Signed, non-zero. */
  amount: number;
  /** Why (kept on the ledger entry and in the audit log). */
  note: string;
  actorId: string;
  idempotencyKey?: string;
}

export interface CreditChangeResult {
  /** The ledger entry; null only for a partial clawback that found nothing to take. */
  entry: CreditLedgerEntryEntity | null;
  /** The balance right after this change (for a replay: right after the FIRST call). */
  balance: number;
  /** True when the idempotency key had been used before and nothing changed now. */
  replayed: boolean;
}

export interface LedgerPage {
  items: CreditLedgerEntryEntity[];
  total: number;
}

const LEDGER_COLUMNS = `id, user_id AS "userId", amount, balance_after AS "balanceAfter", reason, reference_type AS "referenceType",
  reference_id AS "referenceId", idempotency_key AS "idempotencyKey", note, actor_id AS "actorId", created_at AS "createdAt"`;

/**
 * The only writer of credit balances. Every change locks the wallet row (SELECT … FOR UPDATE),
 * appends one ledger entry and updates the balance in one transaction: the caller's when a
 * `manager` inside a transaction is passed, otherwise a transaction of its own.
 */
@Injectable()
export class CreditsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  grant(input: GrantInput, manager?: EntityManager): Promise<CreditChangeResult> {
    return this.change(input, input.reason, { kind: 'credit', amount: input.amount }, manager);
  }

  /** Throws AppException(402, 'INSUFFICIENT_CREDITS', …, { balance, required }) when short. */
  spend(input: SpendInput, manager?: EntityManager): Promise<CreditChangeResult> {
    return this.change(input, input.reason ?? 'backtest_charge', { kind: 'debit', amount: input.amount }, manager);
  }

  /** Takes purchased credits back after a refund (reason `refund_clawback`). */
  clawback(input: ClawbackInput, manager?: EntityManager): Promise<CreditChangeResult> {
    const rule: ChangeRule = { kind: 'clawback', amount: input.amount, allowPartial: input.allowPartial ?? false };
    return this.change(input, 'refund_clawback', rule, manager);
  }

  /** An admin's signed correction, audited as `credits.adjust` in the same transaction. */
  async adjust(input: AdjustInput, manager?: EntityManager): Promise<CreditChangeResult> {
    if (!Number.isSafeInteger(input.amount) || input.amount === 0) {
      throw new AppException(400, 'INVALID_AMOUNT', 'amount must be a non-zero integer');
    }
    return this.inTransaction(manager, async (m) => {
      const before = await this.getBalance(input.userId, m);
      const base = {
        userId: input.userId,
        amount: Math.abs(input.amount),
        idempotencyKey: input.idempotencyKey ?? `admin_adjustment:${randomUUID()}`,
        reference: { type: 'user', id: input.userId },
        note: input.note,
        actorId: input.actorId,
        reason: 'admin_adjustment' as const,
      };
      const result = input.amount > 0 ? await this.grant(base, m) : await this.spend(base, m);
      if (!result.replayed) {
        await this.audit.record(
          {
            actorId: input.actorId,
            action: 'credits.adjust',
            targetType: 'user',
            targetId: input.userId,
            before: { balance: before },
            after: { balance: result.balance, amount: input.amount, reason: input.note, ledgerEntryId: result.entry?.id },
          },
          m,
        );
      }
      return result;
    });
  }

  /** Creates the user's wallet (balance 0) unless it exists. */
  async openWallet(userId: string, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource.manager).query(
      `INSERT INTO credit_wallets (user_id, balance) VALUES ($1, 0) ON CONFLICT (user_id) DO NOTHING`,
      [userId],
    );
  }

  /** 0 for a user without a wallet yet. */
  async getBalance(userId: string, manager?: EntityManager): Promise<number> {
    const rows: Array<{ balance: number }> = await (manager ?? this.dataSource.manager).query(
      `SELECT balance FROM credit_wallets WHERE user_id = $1`,
      [userId],
    );
    return rows[0]?.balance ?? 0;
  }

  /** Newest first. */
  /** `viewerId`: who asks; staff reading another user's ledger is audited as `credits.ledger.view`. */
  async listLedger(viewerId: string, userId: string, page: { limit: number; offset: number }): Promise<LedgerPage> {
    await this.audit.recordRead({ actorId: viewerId, action: 'credits.ledger.view', subjectUserId: userId, details: { filter: { limit: page.limit, offset: page.offset } } });
    const [items, total] = await this.dataSource.getRepository(CreditLedgerEntryEntity).findAndCount({
      where: { userId },
      order: { id: 'DESC' },
      take: page.limit,
      skip: page.offset,
    });
    return { items, total };
  }

  async findByIdempotencyKey(idempotencyKey: string, manager?: EntityManager): Promise<CreditLedgerEntryEntity | null> {
    const rows = await (manager ?? this.dataSource.manager).query(
      `SELECT ${LEDGER_COLUMNS} FROM credit_ledger WHERE idempotency_key = $1`,
      [idempotencyKey],
    );
    return rows[0] ? toEntry(rows[0]) : null;
  }

  private async change(
    input: CreditChangeBase,
    reason: CreditReason,
    rule: ChangeRule,
    manager: EntityManager | undefined,
  ): Promise<CreditChangeResult> {
    assertInput(input);
    return this.inTransaction(manager, (m) => this.changeLocked(m, input, reason, rule));
  }

  private async changeLocked(
    m: EntityManager,
    input: CreditChangeBase,
    reason: CreditReason,
    rule: ChangeRule,
  ): Promise<CreditChangeResult> {
    const balance = await this.lockWallet(m, input.userId);
    // Under the wallet lock, a committed entry with this key is visible (READ COMMITTED).
    const earlier = await this.findByIdempotencyKey(input.idempotencyKey, m);
    if (earlier) return replay(earlier, input, reason);

    const outcome = applyChange(balance, rule);
    if (!outcome.ok) {
      throw new AppException(402, 'INSUFFICIENT_CREDITS', `This needs ${outcome.required} credits; the balance is ${outcome.balance}`, {
        balance: outcome.balance,
        required: outcome.required,
      });
    }
    if (!outcome.change) return { entry: null, balance, replayed: false };

    // ON CONFLICT keeps the caller's transaction usable if another user's change took the key meanwhile.
    const inserted = await m.query(
      `INSERT INTO credit_ledger (user_id, amount, balance_after, reason, reference_type, reference_id, idempotency_key, note, actor_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING ${LEDGER_COLUMNS}`,
      [
        input.userId,
        outcome.change.amount,
        outcome.change.balanceAfter,
        reason,
        input.reference?.type ?? null,
        input.reference?.id ?? null,
        input.idempotencyKey,
        input.note ?? null,
        input.actorId ?? null,
      ],
    );
    if (inserted.length === 0) {
      const winner = await this.findByIdempotencyKey(input.idempotencyKey, m);
      if (!winner) throw new AppException(409, 'IDEMPOTENCY_CONFLICT', 'A concurrent change with this idempotency key did not settle; retry');
      return replay(winner, input, reason);
    }
    await m.query(`UPDATE credit_wallets SET balance = $2, updated_at = now() WHERE user_id = $1`, [
      input.userId,
      outcome.change.balanceAfter,
    ]);
    return { entry: toEntry(inserted[0]), balance: outcome.change.balanceAfter, replayed: false };
  }

  /** Creates the wallet on first use, then locks it until the transaction ends. */
  private async lockWallet(m: EntityManager, userId: string): Promise<number> {
    const lock = `SELECT balance FROM credit_wallets WHERE user_id = $1 FOR UPDATE`;
    let rows: Array<{ balance: number }> = await m.query(lock, [userId]);
    if (rows.length === 0) {
      const exists = await m.query(`SELECT 1 FROM users WHERE id = $1`, [userId]);
      if (exists.length === 0) throw new AppException(404, 'USER_NOT_FOUND', 'User not found');
      await m.query(`INSERT INTO credit_wallets (user_id, balance) VALUES ($1, 0) ON CONFLICT (user_id) DO NOTHING`, [userId]);
      rows = await m.query(lock, [userId]);
    }
    return rows[0].balance;
  }

  private inTransaction<T>(manager: EntityManager | undefined, work: (m: EntityManager) => Promise<T>): Promise<T> {
    if (manager?.queryRunner?.isTransactionActive) return work(manager);
    return (manager ?? this.dataSource.manager).transaction(work);
  }
}

function assertInput(input: CreditChangeBase): void {
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) {
    throw new AppException(400, 'INVALID_AMOUNT', `amount must be a positive integer, got ${input.amount}`);
  }
  if (typeof input.idempotencyKey !== 'string' || input.idempotencyKey.length === 0 || input.idempotencyKey.length > 200) {
    throw new AppException(400, 'INVALID_IDEMPOTENCY_KEY', 'idempotencyKey must be 1-200 characters');
  }
  if (!/^[0-9a-f-]{36}$/i.test(input.userId)) throw new AppException(404, 'USER_NOT_FOUND', 'User not found');
}

function replay(earlier: CreditLedgerEntryEntity, input: CreditChangeBase, reason: CreditReason): CreditChangeResult {
  if (earlier.userId !== input.userId || earlier.reason !== reason) {
    throw new AppException(409, 'IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for a different credit change');
  }
  return { entry: earlier, balance: earlier.balanceAfter, replayed: true };
}

function toEntry(row: Record<string, unknown>): CreditLedgerEntryEntity {
  return Object.assign(new CreditLedgerEntryEntity(), { ...row, id: String(row.id) });
}

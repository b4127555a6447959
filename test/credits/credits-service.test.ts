import { DataSource } from 'typeorm';
import { CreditsService } from '@app/credits';
import { assertLedgerBalanced, createUser, signUpUser } from '../support/auth';
import { createTestEnv, type TestEnv } from '../support/test-env';
import { startTestApi } from '../support/test-app';

const balanceOf = async (ds: DataSource, userId: string): Promise<number> =>
  (await ds.query(`SELECT balance FROM credit_wallets WHERE user_id = $1`, [userId]))[0].balance;

describe('CreditsService against real Postgres', () => {
  let env: TestEnv;
  let api: Awaited<ReturnType<typeof startTestApi>>;
  let credits: CreditsService;
  let appDataSource: DataSource;

  beforeAll(async () => {
    env = await createTestEnv({ DATABASE_POOL_SIZE: '20' });
    api = await startTestApi();
    credits = api.app.get(CreditsService);
    appDataSource = api.app.get(DataSource);
  });

  afterAll(async () => {
    await api?.close();
    await env?.teardown();
  });

  afterEach(async () => {
    await assertLedgerBalanced(env.dataSource);
  });

  it('200 concurrent 1-credit spends on a 100-credit wallet: exactly 100 succeed and the balance ends at 0', async () => {
    const user = await createUser(env.dataSource, api.url, { credits: 100 });
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) => credits.spend({ userId: user.id, amount: 1, idempotencyKey: `race-spend:${user.id}:${i}` })),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(ok).toHaveLength(100);
    expect(refused).toHaveLength(100);
    for (const r of refused) expect(r.reason).toMatchObject({ code: 'INSUFFICIENT_CREDITS', details: { balance: 0, required: 1 } });
    expect(await balanceOf(env.dataSource, user.id)).toBe(0);
    const [{ count }] = await env.dataSource.query(
      `SELECT count(*)::int AS count FROM credit_ledger WHERE user_id = $1 AND reason = 'backtest_charge'`,
      [user.id],
    );
    expect(count).toBe(100);
  });

  it('interleaved concurrent grants and spends across users keep sum(ledger) == balance for everyone', async () => {
    const users = await Promise.all([0, 1, 2, 3].map(() => createUser(env.dataSource, api.url, { credits: 20 })));
    const ops: Array<Promise<unknown>> = [];
    let seq = 0;
    for (let round = 0; round < 40; round++) {
      for (const u of users) {
        const key = `mix:${u.id}:${seq++}`;
        ops.push(
          round % 3 === 0
            ? credits.grant({ userId: u.id, amount: 2, reason: 'backtest_refund', idempotencyKey: key })
            : credits.spend({ userId: u.id, amount: 1 + (round % 2), idempotencyKey: key }),
        );
      }
    }
    const results = await Promise.allSettled(ops);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as { code?: string }).code).toBe('INSUFFICIENT_CREDITS');
    for (const u of users) expect(await balanceOf(env.dataSource, u.id)).toBeGreaterThanOrEqual(0);
    await assertLedgerBalanced(env.dataSource);
  });

  it('a repeated idempotency key returns the first result and changes nothing, also under concurrency', async () => {
    const user = await createUser(env.dataSource, api.url, { credits: 50 });
    const key = `charge:job-${user.id}`;
    const first = await credits.spend({ userId: user.id, amount: 7, idempotencyKey: key });
    expect(first).toMatchObject({ balance: 43, replayed: false });

    const again = await credits.spend({ userId: user.id, amount: 7, idempotencyKey: key });
    expect(again).toMatchObject({ balance: 43, replayed: true, entry: { id: first.entry!.id } });

    const concurrentKey = `grant:${user.id}:burst`;
    const burst = await Promise.all(
      Array.from({ length: 25 }, () => credits.grant({ userId: user.id, amount: 5, reason: 'backtest_refund', idempotencyKey: concurrentKey })),
    );
    expect(burst.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(burst.map((r) => r.entry!.id)).size).toBe(1);
    expect(new Set(burst.map((r) => r.balance))).toEqual(new Set([48]));
    expect(await balanceOf(env.dataSource, user.id)).toBe(48);
  });

  it('refuses to reuse an idempotency key for a different user or reason', async () => {
    const a = await createUser(env.dataSource, api.url, { credits: 10 });
    const b = await createUser(env.dataSource, api.url, { credits: 10 });
    await credits.spend({ userId: a.id, amount: 1, idempotencyKey: `shared:${a.id}` });
    await expect(credits.spend({ userId: b.id, amount: 1, idempotencyKey: `shared:${a.id}` })).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    await expect(
      credits.grant({ userId: a.id, amount: 1, reason: 'purchase', idempotencyKey: `shared:${a.id}` }),
    ).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await balanceOf(env.dataSource, b.id)).toBe(10);
  });

  it("joins the caller's transaction: a rollback there undoes the spend", async () => {
    const user = await createUser(env.dataSource, api.url, { credits: 10 });
    await expect(
      appDataSource.transaction(async (m) => {
        const r = await credits.spend({ userId: user.id, amount: 4, idempotencyKey: `tx:${user.id}` }, m);
        expect(r.balance).toBe(6);
        throw new Error('the job insert failed');
      }),
    ).rejects.toThrow('the job insert failed');
    expect(await balanceOf(env.dataSource, user.id)).toBe(10);
    expect(await credits.findByIdempotencyKey(`tx:${user.id}`)).toBeNull();

    await appDataSource.transaction(async (m) => {
      await credits.spend({ userId: user.id, amount: 4, idempotencyKey: `tx:${user.id}` }, m);
    });
    expect(await balanceOf(env.dataSource, user.id)).toBe(6);
  });

  it('claws back strictly by default and partially when asked, never below zero', async () => {
    const user = await createUser(env.dataSource, api.url, { credits: 30 });
    await credits.spend({ userId: user.id, amount: 25, idempotencyKey: `cb-spend:${user.id}` });
    await expect(credits.clawback({ userId: user.id, amount: 30, idempotencyKey: `cb:${user.id}:strict` })).rejects.toMatchObject({
      getStatus: expect.any(Function),
      code: 'INSUFFICIENT_CREDITS',
      details: { balance: 5, required: 30 },
    });
    const partial = await credits.clawback({ userId: user.id, amount: 30, idempotencyKey: `cb:${user.id}:partial`, allowPartial: true });
    expect(partial.entry).toMatchObject({ amount: -5, balanceAfter: 0, reason: 'refund_clawback' });
    expect(await balanceOf(env.dataSource, user.id)).toBe(0);
  });

  it('rejects bad amounts and unknown users without touching anything', async () => {
    const user = await signUpUser(api.url);
    for (const amount of [0, -3, 1.5]) {
      await expect(credits.grant({ userId: user.id, amount, reason: 'purchase', idempotencyKey: `bad:${amount}` })).rejects.toMatchObject({
        code: 'INVALID_AMOUNT',
      });
    }
    await expect(
      credits.grant({ userId: '00000000-0000-4000-8000-000000000000', amount: 1, reason: 'purchase', idempotencyKey: 'ghost' }),
    ).rejects.toMatchObject({ code: 'USER_NOT_FOUND' });
  });

  it('the database itself refuses ledger edits, deletes and a negative balance', async () => {
    const user = await signUpUser(api.url);
    await expect(env.dataSource.query(`UPDATE credit_ledger SET amount = 1000 WHERE user_id = $1`, [user.id])).rejects.toThrow(/append-only/);
    await expect(env.dataSource.query(`DELETE FROM credit_ledger WHERE user_id = $1`, [user.id])).rejects.toThrow(/append-only/);
    await expect(env.dataSource.query(`UPDATE credit_wallets SET balance = -1 WHERE user_id = $1`, [user.id])).rejects.toThrow(
      /chk_credit_wallets_balance_non_negative/,
    );
    await expect(
      env.dataSource.query(
        `INSERT INTO credit_ledger (user_id, amount, balance_after, reason, idempotency_key) VALUES ($1, 5, 5, 'purchase', 'dup-key'), ($1, 5, 10, 'purchase', 'dup-key')`,
        [user.id],
      ),
    ).rejects.toThrow(/uq_credit_ledger_idempotency_key/);
  });
});

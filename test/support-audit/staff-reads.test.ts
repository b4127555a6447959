import request from 'supertest';
import { bearer, createUser, type TestUser } from '../support/auth';
import { FakeTossServer } from '../support/fake-toss';
import { createTestEnv, type TestEnv } from '../support/test-env';
import { startTestApi } from '../support/test-app';
import { backtestBody, seedSymbol, submit } from '../backtest/support';
import { TOSS_SECRET, buyCredits } from '../refunds/support';

interface AuditRow {
  action: string;
  target_type: string;
  target_id: string;
  before: unknown;
  after: Record<string, unknown> | null;
}

/** Staff reads of a trader's data leave one audit entry each; a trader's own reads leave none. */
describe('support console: staff reads are audited', () => {
  let fake: FakeTossServer;
  let env: TestEnv;
  let api: Awaited<ReturnType<typeof startTestApi>>;
  let trader: TestUser;

  beforeAll(async () => {
    fake = await FakeTossServer.start({ secretKey: TOSS_SECRET });
    env = await createTestEnv({ TOSS_SECRET_KEY: TOSS_SECRET, TOSS_BASE_URL: fake.baseUrl, REFUND_REVIEW_THRESHOLD_WON: '50000' });
    await seedSymbol(env.dataSource, 'SYN', 3000);
    api = await startTestApi();
    trader = await createUser(env.dataSource, api.url, { credits: 100 });
  });

  afterAll(async () => {
    await api?.close();
    await env?.teardown();
    await fake?.close();
  });

  // A fresh staff member per test, so their entries are exactly this test's.
  const staff = (role: 'support' | 'admin' = 'support') => createUser(env.dataSource, api.url, { role });
  const entriesBy = (actor: TestUser): Promise<AuditRow[]> =>
    env.dataSource.query(`SELECT action, target_type, target_id, before, after FROM audit_log WHERE actor_id = $1 ORDER BY at, id`, [actor.id]);
  const auditCount = async () => Number((await env.dataSource.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n);
  const get = (user: TestUser, path: string, query: Record<string, unknown> = {}) => request(api.url).get(path).query(query).set(bearer(user)).expect(200);

  it("records one user.view when support opens a trader's profile; the trader's own profile and staff's own record none", async () => {
    const support = await staff();
    await get(support, `/api/admin/users/${trader.id}`);
    expect(await entriesBy(support)).toEqual([{ action: 'user.view', target_type: 'user', target_id: trader.id, before: null, after: null }]);

    const before = await auditCount();
    await get(trader, '/api/me');
    await get(support, `/api/admin/users/${support.id}`);
    expect(await auditCount()).toBe(before);
  });

  it('records a user search once per request with its filter, not once per user found', async () => {
    const support = await staff();
    const res = await get(support, '/api/admin/users', { email: 'test.stratbench.dev' });
    expect(res.body.items.length).toBeGreaterThan(1);
    expect(await entriesBy(support)).toEqual([
      { action: 'user.search', target_type: 'user', target_id: '*', before: null, after: { filter: { email: 'test.stratbench.dev', limit: 20, offset: 0 } } },
    ]);
  });

  it("records one refund.view when support opens a trader's refund, shown on the admin audit page; the owner's reads record none", async () => {
    const purchase = await buyCredits(api.url, fake, trader, 'credits-350');
    const created = await request(api.url).post('/api/refunds').set(bearer(trader)).send({ paymentId: purchase.paymentKey, reason: 'audit test' }).expect(201);
    const refundId: string = created.body.id;

    const support = await staff();
    await get(support, `/api/admin/refunds/${refundId}`);
    expect(await entriesBy(support)).toEqual([{ action: 'refund.view', target_type: 'user', target_id: trader.id, before: null, after: { refundId } }]);

    const admin = await staff('admin');
    const page = await get(admin, '/api/admin/audit', { action: 'refund.view', targetId: trader.id });
    expect(page.body.items).toEqual([expect.objectContaining({ actorId: support.id, action: 'refund.view', targetType: 'user', targetId: trader.id, after: { refundId } })]);

    const before = await auditCount();
    await get(trader, `/api/refunds/${refundId}`);
    await get(trader, '/api/refunds');
    expect(await auditCount()).toBe(before);
  });

  it('records the refund queue once per request with the filter used', async () => {
    const support = await staff();
    await get(support, '/api/admin/refunds', { status: 'held', limit: 5 });
    await get(support, '/api/admin/refunds', { userId: trader.id });
    expect(await entriesBy(support)).toEqual([
      { action: 'refund.list', target_type: 'user', target_id: '*', before: null, after: { filter: { status: 'held', limit: 5, offset: 0 } } },
      { action: 'refund.list', target_type: 'user', target_id: trader.id, before: null, after: { filter: { userId: trader.id, limit: 20, offset: 0 } } },
    ]);
  });

  it("records backtest.view, backtest.result.view and backtest.list when staff read a trader's backtests; the owner's reads record none", async () => {
    const submitted = await submit(api.url, trader.accessToken, backtestBody());
    expect(submitted.status).toBe(202);
    const backtestId: string = submitted.body.id;
    // Completed without a worker: only the read path is under test.
    await env.dataSource.query(`UPDATE backtests SET status = 'completed', progress = 100, finished_at = now() WHERE id = $1`, [backtestId]);
    await env.dataSource.query(`INSERT INTO backtest_results (backtest_id, equity, drawdown, trades, info) VALUES ($1, '{}', '{}', '[]', '{}')`, [backtestId]);

    const admin = await staff('admin');
    await get(admin, `/api/backtests/${backtestId}`);
    await get(admin, `/api/backtests/${backtestId}/result`);
    await get(admin, '/api/backtests', { userId: trader.id, status: 'completed' });
    expect(await entriesBy(admin)).toEqual([
      { action: 'backtest.view', target_type: 'user', target_id: trader.id, before: null, after: { backtestId } },
      { action: 'backtest.result.view', target_type: 'user', target_id: trader.id, before: null, after: { backtestId } },
      {
        action: 'backtest.list',
        target_type: 'user',
        target_id: trader.id,
        before: null,
        after: { filter: { status: 'completed', sort: 'created', order: 'desc', limit: 20, offset: 0 } },
      },
    ]);

    const before = await auditCount();
    await get(trader, `/api/backtests/${backtestId}`);
    await get(trader, `/api/backtests/${backtestId}/result`);
    await get(trader, '/api/backtests', { userId: trader.id });
    expect(await auditCount()).toBe(before);
  });

  it("records credits.ledger.view and payment.list when staff read a trader's ledger and payments; the owner's reads record none", async () => {
    const support = await staff();
    const before = await auditCount();
    await get(trader, '/api/credits/ledger');
    await get(trader, '/api/payments', { userId: trader.id });
    expect(await auditCount()).toBe(before);
    await get(support, '/api/credits/ledger', { userId: trader.id, limit: 5 });
    await get(support, '/api/payments', { userId: trader.id });
    expect(await entriesBy(support)).toEqual([
      { action: 'credits.ledger.view', target_type: 'user', target_id: trader.id, before: null, after: { filter: { limit: 5, offset: 0 } } },
      { action: 'payment.list', target_type: 'user', target_id: trader.id, before: null, after: { filter: { limit: 20, offset: 0 } } },
    ]);
  });

  it('records a read repeated by the same staff member (a polling console page) once per window, a different read again', async () => {
    const support = await staff();
    for (let i = 0; i < 3; i++) await get(support, '/api/admin/refunds', { status: 'held' });
    await get(support, '/api/admin/refunds', { status: 'approved' });
    const other = await staff();
    await get(other, '/api/admin/refunds', { status: 'held' });
    expect((await entriesBy(support)).map((e) => (e.after?.filter as { status: string }).status)).toEqual(['held', 'approved']);
    expect(await entriesBy(other)).toHaveLength(1);
  });

  it('still answers a staff read when its audit entry cannot be written, and audits the next one', async () => {
    const support = await staff();
    await env.dataSource.query(`
      CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_log is read-only'; END $$;
      CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit();`);
    try {
      const res = await get(support, `/api/admin/users/${trader.id}`);
      expect(res.body.id).toBe(trader.id);
    } finally {
      await env.dataSource.query(`DROP TRIGGER refuse_audit ON audit_log; DROP FUNCTION refuse_audit();`);
    }
    expect(await entriesBy(support)).toEqual([]);
    await get(support, `/api/admin/users/${trader.id}`);
    expect((await entriesBy(support)).map((e) => e.action)).toEqual(['user.view']);
  });
});

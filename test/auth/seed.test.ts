import request from 'supertest';
import { DEMO_ACCOUNTS, seedDemoData } from '../../scripts/seed';
import { assertLedgerBalanced, logIn } from '../support/auth';
import { createTestEnv, type TestEnv } from '../support/test-env';
import { startTestApi } from '../support/test-app';

describe('demo seed', () => {
  let env: TestEnv;
  let api: Awaited<ReturnType<typeof startTestApi>>;

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startTestApi();
  });

  afterAll(async () => {
    await api?.close();
    await env?.teardown();
  });

  it('creates the demo accounts once; running it again changes nothing', async () => {
    const first = await seedDemoData(env.dataSource);
    expect(first.created).toEqual(DEMO_ACCOUNTS.map((a) => a.email));
    const snapshot = async () => ({
      users: await env.dataSource.query(`SELECT id, email, role, plan, password_hash FROM users ORDER BY email`),
      ledger: await env.dataSource.query(`SELECT id, user_id, amount FROM credit_ledger ORDER BY id`),
    });
    const before = await snapshot();
    const second = await seedDemoData(env.dataSource);
    expect(second).toEqual({ created: [], existing: DEMO_ACCOUNTS.map((a) => a.email) });
    expect(await snapshot()).toEqual(before);
    await assertLedgerBalanced(env.dataSource);
  });

  it('lets every demo account log in with its role, plan and credits', async () => {
    for (const account of DEMO_ACCOUNTS) {
      const session = await logIn(api.url, account.email, account.password);
      const me = await request(api.url).get('/api/me').set('Authorization', `Bearer ${session.accessToken}`).expect(200);
      expect(me.body).toMatchObject({ role: account.role, plan: account.plan });
      const credits = await request(api.url).get('/api/credits').set('Authorization', `Bearer ${session.accessToken}`).expect(200);
      expect(credits.body.balance).toBe(account.credits);
    }
  });
});

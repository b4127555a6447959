import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { Plan, Role } from '@app/auth';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

export interface SignUpOverrides {
  email?: string;
  password?: string;
  displayName?: string;
}

export interface CreateUserOptions extends SignUpOverrides {
  role?: Role;
  plan?: Plan;
  /** The exact balance to end with; reached through ledger entries so sums stay right. */
  credits?: number;
}

const unique = () => `${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;

/** Signs up through the API (the signup bonus applies). */
export async function signUpUser(apiUrl: string, overrides: SignUpOverrides = {}): Promise<TestUser> {
  const email = overrides.email ?? `user-${unique()}@test.stratbench.dev`;
  const password = overrides.password ?? `pw-${unique()}`;
  const res = await request(apiUrl)
    .post('/api/auth/signup')
    .send({ email, password, displayName: overrides.displayName ?? `User ${unique().slice(-6)}` });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.user.id, email: res.body.user.email, password, accessToken: res.body.accessToken, refreshToken: res.body.refreshToken };
}

/** Logs in through the API. */
export async function logIn(apiUrl: string, email: string, password: string): Promise<TestUser> {
  const res = await request(apiUrl).post('/api/auth/login').send({ email, password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.user.id, email: res.body.user.email, password, accessToken: res.body.accessToken, refreshToken: res.body.refreshToken };
}

/**
 * A user with a given role, plan and balance: signs up through the API, sets role and plan in the
 * database, moves the balance to `credits` with an `admin_adjustment` ledger entry (locked like
 * CreditsService does), then logs in through the API for fresh tokens.
 */
export async function createUser(dataSource: DataSource, apiUrl: string, options: CreateUserOptions = {}): Promise<TestUser> {
  const user = await signUpUser(apiUrl, options);
  await dataSource.query(`UPDATE users SET role = $2, plan = $3 WHERE id = $1`, [user.id, options.role ?? 'trader', options.plan ?? 'free']);
  if (options.credits !== undefined) await setBalance(dataSource, user.id, options.credits);
  return logIn(apiUrl, user.email, user.password);
}

/** Moves a user's balance to `target` through one ledger entry (reason admin_adjustment). */
export async function setBalance(dataSource: DataSource, userId: string, target: number): Promise<void> {
  await dataSource.transaction(async (m) => {
    await m.query(`INSERT INTO credit_wallets (user_id, balance) VALUES ($1, 0) ON CONFLICT (user_id) DO NOTHING`, [userId]);
    const [{ balance }] = await m.query(`SELECT balance FROM credit_wallets WHERE user_id = $1 FOR UPDATE`, [userId]);
    const delta = target - balance;
    if (delta === 0) return;
    await m.query(
      `INSERT INTO credit_ledger (user_id, amount, balance_after, reason, reference_type, reference_id, idempotency_key, note)
       VALUES ($1, $2, $3, 'admin_adjustment', 'test', $4, $5, 'test fixture')`,
      [userId, delta, target, userId, `test_fixture:${userId}:${unique()}`],
    );
    await m.query(`UPDATE credit_wallets SET balance = $2 WHERE user_id = $1`, [userId, target]);
  });
}

export const bearer = (user: Pick<TestUser, 'accessToken'>) => ({ Authorization: `Bearer ${user.accessToken}` });

/**
 * For every user: sum(ledger.amount) == wallet.balance, the newest balanceAfter equals the balance,
 * and every entry's balanceAfter is the previous one plus its amount. Throws with the offenders.
 */
export async function assertLedgerBalanced(dataSource: DataSource): Promise<void> {
  const offenders = await dataSource.query(`
    WITH sums AS (SELECT user_id, sum(amount)::bigint AS total FROM credit_ledger GROUP BY user_id),
         last AS (SELECT DISTINCT ON (user_id) user_id, balance_after FROM credit_ledger ORDER BY user_id, id DESC)
    SELECT COALESCE(w.user_id, s.user_id) AS user_id, w.balance, s.total, l.balance_after AS last_balance_after
    FROM credit_wallets w
    FULL JOIN sums s ON s.user_id = w.user_id
    LEFT JOIN last l ON l.user_id = COALESCE(w.user_id, s.user_id)
    WHERE w.balance IS DISTINCT FROM COALESCE(s.total, 0)
       OR (s.total IS NOT NULL AND l.balance_after IS DISTINCT FROM w.balance)`);
  const broken = await dataSource.query(`
    SELECT user_id, id, amount, balance_after, prev FROM (
      SELECT user_id, id, amount, balance_after, lag(balance_after, 1, 0) OVER (PARTITION BY user_id ORDER BY id) AS prev FROM credit_ledger
    ) x WHERE balance_after <> prev + amount LIMIT 10`);
  if (offenders.length || broken.length) {
    throw new Error(`Ledger out of balance:\n${JSON.stringify({ offenders, broken }, null, 2)}`);
  }
}

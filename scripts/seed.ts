import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { hashPassword, type Plan, type Role } from '@app/auth';
import { AuditService, loadConfig } from '@app/common';
import { CreditsService } from '@app/credits';
import { dataSourceOptions } from '@app/database';

export interface DemoAccount {
  email: string;
  password: string;
  displayName: string;
  role: Role;
  plan: Plan;
  credits: number;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'trader@stratbench.dev', password: 'trader-demo-pass', displayName: 'Demo Trader', role: 'trader', plan: 'basic', credits: 100 },
  { email: 'pro@stratbench.dev', password: 'pro-demo-pass', displayName: 'Demo Pro', role: 'trader', plan: 'pro', credits: 500 },
  { email: 'support@stratbench.dev', password: 'support-demo-pass', displayName: 'Demo Support', role: 'support', plan: 'free', credits: 0 },
  { email: 'admin@stratbench.dev', password: 'admin-demo-pass', displayName: 'Demo Admin', role: 'admin', plan: 'free', credits: 0 },
];

export interface SeedResult {
  created: string[];
  existing: string[];
}

/**
 * Idempotent demo data: creates each demo account that does not exist yet (with its starting
 * credits through the ledger); existing accounts are left exactly as they are.
 */
export async function seedDemoData(dataSource: DataSource): Promise<SeedResult> {
  const credits = new CreditsService(dataSource, new AuditService(dataSource));
  const result: SeedResult = { created: [], existing: [] };
  for (const account of DEMO_ACCOUNTS) {
    const passwordHash = await hashPassword(account.password);
    await dataSource.transaction(async (m) => {
      const inserted: Array<{ id: string }> = await m.query(
        `INSERT INTO users (email, password_hash, display_name, role, plan, locale) VALUES ($1, $2, $3, $4, $5, 'en')
         ON CONFLICT (email) DO NOTHING RETURNING id`,
        [account.email, passwordHash, account.displayName, account.role, account.plan],
      );
      if (inserted.length === 0) {
        result.existing.push(account.email);
        return;
      }
      const userId = inserted[0].id;
      await credits.openWallet(userId, m);
      if (account.credits > 0) {
        await credits.grant(
          { userId, amount: account.credits, reason: 'admin_adjustment', idempotencyKey: `seed:${account.email}`, note: 'demo seed', reference: { type: 'user', id: userId } },
          m,
        );
      }
      result.created.push(account.email);
    });
  }
  return result;
}

export function describeDemoAccounts(): string {
  return DEMO_ACCOUNTS.map((a) => `  ${a.role.padEnd(7)} ${a.email.padEnd(24)} ${a.password.padEnd(18)} plan=${a.plan} credits=${a.credits}`).join('\n');
}

async function main(): Promise<void> {
  const ds = await new DataSource(dataSourceOptions(loadConfig().DATABASE_URL, 2)).initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    const result = await seedDemoData(ds);
    console.log(
      result.created.length ? `Seeded ${result.created.join(', ')}.` : 'Demo data already present: nothing changed.',
    );
    console.log(`Demo accounts (role, email, password):\n${describeDemoAccounts()}`);
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}

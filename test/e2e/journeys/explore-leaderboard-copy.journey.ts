import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { screenshot } from '../browser';
import type { Stack } from '../stack';
import type { Journey } from './journey';

/** What the explore journeys leave in `ctx.shared` for each other. */
export interface ExploreShared {
  proSession: Session;
  proStrategyName: string;
  proBacktestIds: string[];
}

export interface Session {
  accessToken: string;
  refreshToken: string;
}

/** A JSON call to the API (set-up only: the screens under test are driven through the browser). */
export async function api<T>(
  stack: Stack,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function login(stack: Stack, email: string, password: string): Promise<Session> {
  return api<Session>(stack, 'POST', '/api/auth/login', undefined, { email, password });
}

/** A browser context already signed in (the SPA keeps its tokens in localStorage). */
export async function signedInContext(
  browser: Browser,
  stack: Stack,
  session: Session,
  width = 1280,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: 'ko-KR',
    viewport: { width, height: width < 600 ? 800 : 900 },
  });
  await context.addInitScript(
    ([access, refresh]) => {
      if (!window.localStorage.getItem('stratbench.accessToken')) {
        window.localStorage.setItem('stratbench.accessToken', access);
        window.localStorage.setItem('stratbench.refreshToken', refresh);
      }
    },
    [session.accessToken, session.refreshToken],
  );
  void stack;
  return context;
}

/** Polls a backtest until it has finished; fails unless it completed. */
export async function waitForBacktest(
  stack: Stack,
  token: string,
  id: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const b = await api<{ status: string; error: string | null }>(
      stack,
      'GET',
      `/api/backtests/${id}`,
      token,
    );
    if (b.status === 'completed') return;
    if (b.status === 'failed' || b.status === 'canceled')
      throw new Error(`backtest ${id} ${b.status}: ${b.error}`);
    if (Date.now() > deadline) throw new Error(`backtest ${id} still ${b.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Three distinct runs (different symbols and ranges, each ≤ 365 days so each costs 3 credits). */
const RUNS = [
  { symbol: 'SPY', from: '2012-01-03', to: '2012-12-28' },
  { symbol: 'GOOG', from: '2010-01-04', to: '2010-12-30' },
  { symbol: 'BTC-USD', from: '2017-01-02', to: '2017-12-29' },
];

/** Makes a public strategy with three completed backtests as the pro trader, and refreshes the leaderboard as admin. */
export async function seedPublicStrategy(
  stack: Stack,
  shared: Record<string, unknown>,
): Promise<ExploreShared> {
  if (shared.explore) return shared.explore as ExploreShared;
  const pro = await login(stack, 'pro@stratbench.dev', 'pro-demo-pass');
  const name = `E2E 골든크로스 ${randomBytes(3).toString('hex')}`;
  const strategy = await api<{ id: string }>(stack, 'POST', '/api/strategies', pro.accessToken, {
    name,
    description: 'SMA 10/30 crossover, long-short. Made by the explore journey.',
    visibility: 'public',
    spec: { kind: 'template', template: 'sma-cross', params: { fast: 10, slow: 30 } },
  });
  const ids: string[] = [];
  for (const run of RUNS) {
    const b = await api<{ id: string }>(stack, 'POST', '/api/backtests', pro.accessToken, {
      strategyId: strategy.id,
      ...run,
    });
    ids.push(b.id);
  }
  for (const id of ids) await waitForBacktest(stack, pro.accessToken, id);
  const admin = await login(stack, 'admin@stratbench.dev', 'admin-demo-pass');
  await api(stack, 'POST', '/api/admin/leaderboard/refresh', admin.accessToken);
  const explore: ExploreShared = { proSession: pro, proStrategyName: name, proBacktestIds: ids };
  shared.explore = explore;
  return explore;
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
}

export const exploreLeaderboardCopy: Journey = {
  name: 'explore: a public strategy reaches the leaderboard; a trader opens it, copies it and follows the link to the copy',
  async run({ stack, browser, shared }) {
    const { proStrategyName } = await seedPublicStrategy(stack, shared);
    const trader = await login(stack, 'trader@stratbench.dev', 'trader-demo-pass');

    for (const width of [1280, 375]) {
      const context = await signedInContext(browser, stack, trader, width);
      const page = await context.newPage();
      const suffix = width === 1280 ? '' : '-375';

      await page.goto(`${stack.url}/leaderboard`);
      const link = page.getByRole('link', { name: proStrategyName });
      await link.waitFor({ timeout: 15_000 });
      const row = page.getByRole('row').filter({ has: link });
      assert.match(await row.innerText(), /작성자 Demo Pro/);
      await settle(page);
      await screenshot(page, `explore-leaderboard${suffix}`);

      // Sorting is kept in the URL.
      await page.getByRole('button', { name: '일관성', exact: true }).click();
      await page.waitForURL(/sortBy=consistency/);
      await link.waitFor();

      await link.click();
      await page.getByRole('heading', { level: 1, name: proStrategyName }).waitFor();
      await page.getByRole('group', { name: '종목별 평균 수익률 막대 차트' }).waitFor();
      for (const symbol of ['SPY', 'GOOG', 'BTC-USD']) {
        await page.getByRole('rowheader', { name: symbol }).first().waitFor();
      }
      await settle(page);
      await screenshot(page, `explore-strategy-detail${suffix}`);

      await page.getByRole('button', { name: '내 전략으로 복사' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await screenshot(page, `explore-copy-confirm${suffix}`);
      await dialog.getByRole('button', { name: '복사하기' }).click();
      const open = page.getByRole('status').getByRole('link', { name: /사본 열기/ });
      await open.waitFor();
      await screenshot(page, `explore-copy-done${suffix}`);
      const href = await open.getAttribute('href');
      assert.match(href ?? '', /^\/strategies\/[0-9a-f-]{36}$/);
      await open.click();
      await page.waitForURL(`**${href}`);
      await page.getByRole('button', { name: '저장' }).waitFor();
      // The copy keeps the name (the server may add a suffix such as “(copy)”).
      assert.ok((await page.getByLabel('이름').inputValue()).startsWith(proStrategyName));
      await settle(page);
      await screenshot(page, `explore-strategy-edit${suffix}`);

      await page.goto(`${stack.url}/strategies`);
      await page
        .getByRole('list', { name: '내 전략 목록' })
        .getByRole('link', { name: new RegExp(`^${proStrategyName}`) })
        .first()
        .waitFor();
      await settle(page);
      await screenshot(page, `explore-strategies${suffix}`);
      await context.close();
    }
  },
};

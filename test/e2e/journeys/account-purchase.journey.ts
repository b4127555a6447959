import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { screenshot } from '../browser';
import type { Stack } from '../stack';
import type { Journey } from './journey';

export interface TraderCredentials {
  email: string;
  password: string;
  displayName: string;
}

export async function newContext(browser: Browser, width = 1280): Promise<BrowserContext> {
  return browser.newContext({ locale: 'ko-KR', viewport: { width, height: width < 600 ? 800 : 900 } });
}

/** Fails when the page scrolls sideways, naming the widest offenders (narrow-screen layout check). */
export async function assertNoHorizontalOverflow(page: Page, label: string): Promise<void> {
  const offenders = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width + 1) return [];
    return (
      [...document.querySelectorAll<HTMLElement>('body *')]
        .filter((el) => el.getBoundingClientRect().right > width + 1 && el.children.length === 0)
        // Content scrolled inside its own container (tables, tab bars) does not widen the page.
        .filter((el) => !el.closest('.table-wrap, .tabs, pre'))
        .slice(0, 8)
        .map(
          (el) =>
            `${el.tagName.toLowerCase()}.${el.className} (${Math.round(el.getBoundingClientRect().right)}px)`,
        )
    );
  });
  assert.deepEqual(offenders, [], `${label} overflows horizontally`);
}

/** The header's credit balance as a number (waits until it is loaded). */
export async function headerCredits(page: Page): Promise<number> {
  const value = page.getByTestId('header-credits');
  await value.filter({ hasText: /\d/ }).waitFor();
  return Number((await value.innerText()).replace(/[^\d-]/g, ''));
}

export async function waitForHeaderCredits(page: Page, expected: number): Promise<void> {
  await page
    .getByTestId('header-credits')
    .filter({ hasText: new RegExp(`^${expected.toLocaleString('ko-KR')}$`) })
    .waitFor({ timeout: 15_000 });
}

/** Logs in through the log-in page and waits for the destination. */
export async function logInThroughUi(
  page: Page,
  stack: Stack,
  who: { email: string; password: string },
  next = '/',
): Promise<void> {
  await page.goto(`${stack.url}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('이메일').fill(who.email);
  await page.getByLabel('비밀번호').fill(who.password);
  await page.getByRole('main').getByRole('button', { name: '로그인' }).click();
  await page.waitForURL((url) => url.pathname === next);
}

/** Buys a package through the credits page and the sandbox payment sheet. */
export async function buyThroughSandbox(
  page: Page,
  credits: number,
  priceLabel: string,
  shots?: { checkout?: string },
): Promise<void> {
  await page.getByRole('button', { name: `${credits} 크레딧 ${priceLabel}에 구매` }).click();
  await page.waitForURL(/\/checkout\/sandbox\?orderId=/);
  await page.getByTestId('checkout-amount').waitFor();
  assert.equal(await page.getByTestId('checkout-amount').innerText(), priceLabel);
  if (shots?.checkout) await screenshot(page, shots.checkout);
  await page.getByRole('button', { name: `${priceLabel} 결제` }).click();
  await page.waitForURL(/\/checkout\/success/);
  await page.getByTestId('credits-added').waitFor();
}

export const accountPurchase: Journey = {
  name: 'account: sign up, buy credits through the sandbox checkout, balance and ledger update',
  async run({ stack, browser, shared }) {
    const trader: TraderCredentials = {
      email: `e2e-trader-${randomBytes(4).toString('hex')}@example.com`,
      password: 'e2e-trader-pass',
      displayName: 'E2E 트레이더',
    };
    const context = await newContext(browser);
    const page = await context.newPage();

    await page.goto(`${stack.url}/signup`);
    await page.getByLabel('이메일').fill(trader.email);
    await page.getByLabel('표시 이름').fill(trader.displayName);
    await page.getByLabel('비밀번호').fill(trader.password);
    await screenshot(page, 'account-signup');
    await page.getByRole('button', { name: '가입하기' }).click();
    await page.waitForURL((url) => url.pathname === '/credits');
    shared.trader = trader;

    const before = await headerCredits(page);
    await page.getByRole('list', { name: '크레딧 충전' }).getByText('크레딧당 ₩283').waitFor();
    await page.getByRole('table').waitFor();
    await screenshot(page, 'account-credits');

    await buyThroughSandbox(page, 30, '₩9,900', { checkout: 'account-checkout' });
    assert.match(await page.getByTestId('credits-added').innerText(), /크레딧 30개가 충전되었습니다/);
    await waitForHeaderCredits(page, before + 30);
    await screenshot(page, 'account-checkout-success');

    await page.getByRole('link', { name: '사용 내역 보기' }).click();
    await page.waitForURL((url) => url.pathname === '/credits');
    const firstRow = page.getByRole('table').getByRole('row').nth(1);
    await firstRow.getByText('크레딧 구매').waitFor();
    assert.match(await firstRow.innerText(), /\+30/);
    assert.equal(await page.getByTestId('credit-balance').innerText(), String(before + 30));
    await screenshot(page, 'account-ledger');

    // Narrow screens: the credits page and the payment sheet (cancelled, so nothing is charged).
    await page.setViewportSize({ width: 375, height: 800 });
    await assertNoHorizontalOverflow(page, 'credits at 375 px');
    await screenshot(page, 'account-credits-375');
    await page.getByRole('button', { name: '100 크레딧 ₩29,000에 구매' }).click();
    await page.waitForURL(/\/checkout\/sandbox/);
    await page.getByTestId('checkout-amount').waitFor();
    await assertNoHorizontalOverflow(page, 'checkout at 375 px');
    await screenshot(page, 'account-checkout-375');
    await page.getByRole('button', { name: '취소' }).click();
    await page.waitForURL((url) => url.pathname === '/credits');
    await context.close();
  },
};

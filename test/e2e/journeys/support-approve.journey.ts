import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { screenshot } from '../browser';
import {
  assertNoHorizontalOverflow,
  buyThroughSandbox,
  logInThroughUi,
  newContext,
} from './account-purchase.journey';
import type { Journey } from './journey';

/** Needs REFUND_REVIEW_THRESHOLD_WON below ₩99,000 (test/e2e/stack.ts sets 50,000). */
export const supportApprove: Journey = {
  name: 'support: a large refund is held, support approves it in the console, the trader sees it live',
  async run({ stack, browser }) {
    // A fresh trader: refunds are limited to one a year per user.
    const trader = {
      email: `e2e-big-${randomBytes(4).toString('hex')}@example.com`,
      password: 'e2e-big-spender',
    };
    const traderContext = await newContext(browser);
    const traderPage = await traderContext.newPage();
    await traderPage.goto(`${stack.url}/signup`);
    await traderPage.getByLabel('이메일').fill(trader.email);
    await traderPage.getByLabel('비밀번호').fill(trader.password);
    await traderPage.getByRole('button', { name: '가입하기' }).click();
    await traderPage.waitForURL((url) => url.pathname === '/credits');
    await buyThroughSandbox(traderPage, 350, '₩99,000');

    await traderPage.goto(`${stack.url}/refunds`);
    const payment = traderPage.getByTestId('payment').first();
    await payment.getByText('금액이 커서 담당자 검토 후 처리됩니다').waitFor();
    await payment.getByRole('button', { name: '₩99,000 결제 환불 요청' }).click();
    await payment.getByLabel(/환불 사유/).fill('E2E: 실수로 큰 상품을 구매했습니다');
    await payment.getByRole('button', { name: '환불 요청하기' }).click();
    await traderPage.getByRole('dialog').getByRole('button', { name: '요청하기' }).click();
    await traderPage.locator('[data-testid="refund-request"][data-status="held"]').waitFor();

    // Support reviews it.
    const supportContext = await newContext(browser);
    const support = await supportContext.newPage();
    await logInThroughUi(support, stack, { email: 'support@stratbench.dev', password: 'support-demo-pass' });
    await support
      .getByRole('navigation', { name: '주 메뉴' })
      .getByRole('link', { name: '지원 콘솔' })
      .click();
    await support.waitForURL((url) => url.pathname === '/admin');
    await support.getByLabel('상태').selectOption('held');
    await support.getByRole('button', { name: '적용' }).click();
    const row = support.getByTestId('admin-refund-row').filter({ hasText: '₩99,000' }).first();
    await row.waitFor();
    await screenshot(support, 'support-console');
    await row.getByRole('link').first().click();
    await support.waitForURL(/\/admin\/refunds\//);
    await support.getByTestId('admin-refund-status').getByText('검토 대기').waitFor();
    await screenshot(support, 'support-refund-detail');

    await support.getByRole('button', { name: '승인', exact: true }).click();
    const dialog = support.getByRole('dialog', { name: '환불을 승인할까요?' });
    assert.match(await dialog.innerText(), /₩99,000/);
    await dialog.getByRole('button', { name: '승인', exact: true }).click();
    await support.getByTestId('admin-refund-status').getByText('환불 완료').waitFor({ timeout: 30_000 });
    await support.getByText('refund_clawback').or(support.getByText('환불에 따른 회수')).first().waitFor();
    await screenshot(support, 'support-refund-approved');
    await support.setViewportSize({ width: 375, height: 800 });
    await assertNoHorizontalOverflow(support, 'refund detail at 375 px');
    await screenshot(support, 'support-refund-approved-375');
    await support.setViewportSize({ width: 1280, height: 900 });

    // User lookup (support can look, not change).
    await support
      .getByRole('navigation', { name: '지원 콘솔 메뉴' })
      .getByRole('link', { name: '사용자 조회' })
      .click();
    await support.getByLabel('이메일').fill(trader.email);
    await support.getByRole('button', { name: '검색' }).click();
    await support.getByRole('link', { name: trader.email }).click();
    await support.getByTestId('admin-user-balance').waitFor();
    await support.getByText('요금제·역할 변경과 크레딧 조정은 관리자만 할 수 있습니다.').waitFor();
    await screenshot(support, 'support-user');

    // An admin sees the audit trail of the refund and the audit log.
    const adminContext = await newContext(browser);
    const admin = await adminContext.newPage();
    await logInThroughUi(
      admin,
      stack,
      { email: 'admin@stratbench.dev', password: 'admin-demo-pass' },
      '/admin',
    );
    await admin
      .getByRole('navigation', { name: '지원 콘솔 메뉴' })
      .getByRole('link', { name: '감사 로그' })
      .click();
    await admin.getByText('refund.approve').first().waitFor();
    await screenshot(admin, 'support-audit');
    await adminContext.close();

    // The trader's page, left open, shows the outcome without a reload.
    await traderPage
      .locator('[data-testid="refund-request"][data-status="approved"]')
      .waitFor({ timeout: 30_000 });
    await screenshot(traderPage, 'support-trader-sees-approved');
    await supportContext.close();
    await traderContext.close();
  },
};

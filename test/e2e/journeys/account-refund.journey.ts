import assert from 'node:assert/strict';
import { screenshot } from '../browser';
import {
  assertNoHorizontalOverflow,
  headerCredits,
  logInThroughUi,
  newContext,
  waitForHeaderCredits,
  type TraderCredentials,
} from './account-purchase.journey';
import type { Journey } from './journey';

export const accountRefund: Journey = {
  name: 'account: the trader refunds the purchase and sees the status change live',
  async run({ stack, browser, shared }) {
    const trader = shared.trader as TraderCredentials | undefined;
    assert.ok(trader, 'needs the trader of the account-purchase journey');
    const context = await newContext(browser);
    const page = await context.newPage();

    await page.goto(`${stack.url}/login`);
    await page.getByText('trader@stratbench.dev').waitFor();
    await screenshot(page, 'account-login');
    await logInThroughUi(page, stack, trader, '/refunds');
    const before = await headerCredits(page);

    const payment = page.getByTestId('payment').first();
    await payment.getByText('환불을 요청할 수 있습니다.').waitFor();
    await payment.getByRole('button', { name: '₩9,900 결제 환불 요청' }).click();
    await payment.getByLabel(/환불 사유/).fill('E2E: 크레딧이 더 이상 필요하지 않습니다');
    await payment.getByRole('button', { name: '환불 요청하기' }).click();
    const dialog = page.getByRole('dialog', { name: '환불을 요청할까요?' });
    assert.equal(await dialog.getByTestId('confirm-refund-amount').innerText(), '₩9,900');
    assert.equal(await dialog.getByTestId('confirm-refund-credits').innerText(), '30 크레딧');
    await screenshot(page, 'account-refund-confirm');
    await dialog.getByRole('button', { name: '요청하기' }).click();

    // pending → processing → approved arrives over the socket (the page also polls as a fallback).
    const request = page.getByTestId('refund-request').first();
    await request.waitFor();
    await page.getByTestId('refund-live').filter({ hasText: '실시간 업데이트' }).waitFor();
    await page
      .locator('[data-testid="refund-request"][data-status="approved"]')
      .first()
      .waitFor({ timeout: 30_000 });
    await waitForHeaderCredits(page, before - 30);
    await payment.getByText('이미 환불된 결제입니다.').waitFor();
    await screenshot(page, 'account-refund');
    await page.setViewportSize({ width: 375, height: 800 });
    await assertNoHorizontalOverflow(page, 'refunds at 375 px');
    await screenshot(page, 'account-refund-375');

    // API keys: create one (shown once), in English this time.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('group', { name: '언어' }).getByRole('button', { name: 'English' }).click();
    await page.goto(`${stack.url}/settings/api-keys`);
    await page.getByLabel('Key name').fill('e2e notebook');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    const key = await page.getByLabel('API key', { exact: true }).inputValue();
    assert.match(key, /^sb_/);
    await screenshot(page, 'account-api-keys-en');
    await page.getByRole('button', { name: "I've saved it" }).click();
    await page.getByText('e2e notebook').waitFor();
    assert.equal(await page.getByLabel('API key', { exact: true }).count(), 0, 'the key is shown only once');
    await context.close();
  },
};

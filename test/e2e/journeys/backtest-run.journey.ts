import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { screenshot } from '../browser';
import type { Stack } from '../stack';
import { logInThroughUi } from './account-purchase.journey';
import type { Journey } from './journey';

export const SEEDED_TRADER = { email: 'trader@stratbench.dev', password: 'trader-demo-pass' };

export async function newKoContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ locale: 'ko-KR', viewport: { width: 1280, height: 800 } });
}

/**
 * Records every progress mode and percentage the run page shows (a MutationObserver survives the
 * SPA navigation), because a fast job can pass through its steps between two of our checks.
 */
export async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __bt: { modes: string[]; pcts: number[] } };
    w.__bt = { modes: [], pcts: [] };
    const scan = () => {
      document.querySelectorAll('[data-testid="progress-mode"]').forEach((el) => {
        const mode = el.getAttribute('data-mode');
        if (mode && w.__bt.modes[w.__bt.modes.length - 1] !== mode) w.__bt.modes.push(mode);
      });
      document.querySelectorAll('[role="progressbar"][aria-valuenow]').forEach((el) => {
        const pct = Number(el.getAttribute('aria-valuenow'));
        if (w.__bt.pcts[w.__bt.pcts.length - 1] !== pct) w.__bt.pcts.push(pct);
      });
    };
    new MutationObserver(scan).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-mode', 'aria-valuenow'] });
  });
}

export async function seenProgress(page: Page): Promise<{ modes: string[]; pcts: number[] }> {
  return page.evaluate(() => (window as unknown as { __bt: { modes: string[]; pcts: number[] } }).__bt);
}

/** Fills the new-backtest form: sma-cross on GOOG with the default (2-year, so 10-credit) range, and submits. */
export async function submitSmaCrossOnGoog(page: Page, stack: Stack, shots?: { form?: string }): Promise<string> {
  await page.goto(`${stack.url}/backtest`);
  await page.getByRole('radio', { name: /SMA 교차/ }).check();
  const symbol = page.getByLabel('종목', { exact: true });
  const goog = await symbol.locator('option', { hasText: 'GOOG' }).first().getAttribute('value');
  assert.ok(goog, 'GOOG is in the catalogue');
  await symbol.selectOption(goog);
  // The default range is the last two years of the data: more than 365 days, so 10 credits.
  await page.getByTestId('quote-cost').filter({ hasText: '10 크레딧' }).waitFor();
  assert.match(await page.getByText(/365일 이하는 3 크레딧/).innerText(), /10 크레딧/);
  if (shots?.form) await screenshot(page, shots.form);
  await watchProgress(page);
  await page.getByRole('button', { name: '백테스트 실행' }).click();
  await page.waitForURL(/\/backtests\/[0-9a-f-]{36}$/);
  return page.url().split('/').pop()!;
}

/** Waits for the result and checks its main parts. */
export async function expectResult(page: Page): Promise<void> {
  await page.getByTestId('headline-return').waitFor({ timeout: 30_000 });
  await page.locator('figure[role="img"] canvas').first().waitFor();
  const tile = page.locator('[data-metric="returnPct"] .bt-metric__value');
  assert.match(await tile.innerText(), /%$/, 'the Return tile has a percent value');
  await page.getByTestId('trades-table').locator('tbody tr').first().waitFor();
  assert.ok((await page.getByTestId('trades-table').locator('tbody tr').count()) > 0);
}

export const backtestRun: Journey = {
  name: 'backtest: sma-cross on GOOG, live progress to 100 %, result with charts, metrics and trades',
  async run({ stack, browser, shared }) {
    const context = await newKoContext(browser);
    const page = await context.newPage();
    // What the server pushed over the WebSocket (socket.io frames such as 42["backtest.progress",{…}]).
    const frames: string[] = [];
    page.on('websocket', (ws) => ws.on('framereceived', (frame) => frames.push(String(frame.payload))));
    await logInThroughUi(page, stack, SEEDED_TRADER, '/backtest');
    const id = await submitSmaCrossOnGoog(page, stack, { form: 'backtest-form' });
    await expectResult(page);
    await screenshot(page, 'backtest-progress');

    const seen = await seenProgress(page);
    assert.ok(seen.modes.includes('live'), `live mode shown (saw ${seen.modes.join(', ')})`);
    assert.ok(seen.pcts.includes(100), `reached 100 % (saw ${seen.pcts.join(', ')})`);
    const pushed = frames.filter((f) => f.includes(id));
    assert.ok(pushed.some((f) => f.includes('"backtest.progress"') && f.includes('"pct":100')), 'the 100 % step came over the socket');
    assert.ok(pushed.some((f) => f.includes('"backtest.completed"')), 'the completion came over the socket');
    await page.waitForTimeout(300); // let the charts draw
    await screenshot(page, 'backtest-result');

    await page.setViewportSize({ width: 375, height: 800 });
    await page.waitForTimeout(300);
    await screenshot(page, 'backtest-result-375');
    shared.backtestId = id;
    await context.close();
  },
};

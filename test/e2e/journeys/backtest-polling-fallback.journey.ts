import assert from 'node:assert/strict';
import { screenshot } from '../browser';
import { logInThroughUi } from './account-purchase.journey';
import { expectResult, newKoContext, SEEDED_TRADER, seenProgress, submitSmaCrossOnGoog } from './backtest-run.journey';
import type { Journey } from './journey';

export const backtestPollingFallback: Journey = {
  name: 'backtest: with the socket blocked the run page polls and still reaches 100 %',
  async run({ stack, browser }) {
    const context = await newKoContext(browser);
    // No socket.io at all (handshake requests fail): the page must fall back to polling.
    await context.route('**/socket.io/**', (route) => route.abort());
    const page = await context.newPage();
    await logInThroughUi(page, stack, SEEDED_TRADER, '/backtest');
    await submitSmaCrossOnGoog(page, stack);
    await expectResult(page);
    await screenshot(page, 'backtest-progress-polling');
    const seen = await seenProgress(page);
    assert.ok(seen.modes.length > 0 && seen.modes.every((m) => m === 'polling'), `polling mode shown (saw ${seen.modes.join(', ')})`);
    assert.ok(seen.pcts.includes(100) || (await page.getByTestId('headline-return').isVisible()), 'reached the end');
    await context.close();
  },
};

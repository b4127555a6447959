import assert from 'node:assert/strict';
import { screenshot } from '../browser';
import { logInThroughUi } from './account-purchase.journey';
import { expectResult, newKoContext, SEEDED_TRADER } from './backtest-run.journey';
import type { Journey } from './journey';

/** A no-code strategy with both sides: long on an SMA cross, short below the 50-bar SMA. */
export const backtestRulesShort: Journey = {
  name: 'backtest: rules built in the form, long and short side, run on GOOG with long and short trades',
  async run({ stack, browser }) {
    const context = await newKoContext(browser);
    const page = await context.newPage();
    await logInThroughUi(page, stack, SEEDED_TRADER, '/backtest');
    await page.goto(`${stack.url}/backtest`);
    await page.getByRole('radio', { name: '규칙 직접 만들기' }).check();

    const shortSide = page.getByRole('checkbox', { name: '공매도도 함께 거래' });
    await shortSide.check();
    const shortEntry = page.getByRole('group', { name: '공매도 진입 조건' });
    await shortEntry.getByRole('button', { name: /조건 추가/ }).click();
    // The new row reads "close > SMA(50)": turn it into "close < SMA(50)".
    await shortEntry.getByRole('listitem', { name: '조건 1' }).getByLabel('연산자').selectOption('lt');
    const shortExit = page.getByRole('group', { name: '공매도 청산 조건' });
    await shortExit.getByRole('button', { name: /조건 추가/ }).click();

    const symbol = page.getByLabel('종목', { exact: true });
    const goog = await symbol.locator('option', { hasText: 'GOOG' }).first().getAttribute('value');
    assert.ok(goog, 'GOOG is in the catalogue');
    await symbol.selectOption(goog);
    await page.getByTestId('quote-cost').waitFor();
    await screenshot(page, 'backtest-rules-short-form');
    await page.getByRole('button', { name: '백테스트 실행' }).click();
    await page.waitForURL(/\/backtests\/[0-9a-f-]{36}$/);

    await expectResult(page);
    const sides = await page.getByTestId('trades-table').locator('.bt-side').allInnerTexts();
    assert.ok(sides.includes('매수'), `a long trade among ${sides.length}`);
    assert.ok(sides.includes('공매도'), `a short trade among ${sides.length}`);
    await screenshot(page, 'backtest-rules-short-result');
    await context.close();
  },
};

import assert from 'node:assert/strict';
import { screenshot } from '../browser';
import { seedPublicStrategy, signedInContext } from './explore-leaderboard-copy.journey';
import type { Journey } from './journey';

export const exploreHistoryQueue: Journey = {
  name: 'explore: backtest history, comparing two results, and the live queue dashboard',
  async run({ stack, browser, shared }) {
    const { proSession, proBacktestIds } = await seedPublicStrategy(stack, shared);

    for (const width of [1280, 375]) {
      const context = await signedInContext(browser, stack, proSession, width);
      const page = await context.newPage();
      const suffix = width === 1280 ? '' : '-375';

      await page.goto(`${stack.url}/history`);
      const table = page.getByRole('table');
      await table.waitFor();
      await page
        .getByRole('link', { name: /E2E 골든크로스/ })
        .first()
        .waitFor();

      // Sort by return through the column header.
      await page.getByRole('button', { name: '수익률', exact: true }).click();
      await page.waitForURL(/sort=return/);
      await page
        .getByRole('columnheader', { name: '수익률', exact: true })
        .and(page.locator('[aria-sort="descending"]'))
        .waitFor();

      for (const id of proBacktestIds.slice(0, 2)) {
        const row = page.getByRole('row').filter({ has: page.locator(`a[href="/backtests/${id}"]`) });
        await row.getByRole('checkbox').check();
      }
      await page.mouse.move(0, 0);
      await screenshot(page, `explore-history${suffix}`);
      await page.getByRole('button', { name: '선택 항목 비교' }).click();
      await page.waitForURL(/\/history\/compare\?ids=/);
      await page.getByRole('img', { name: '시작을 100으로 맞춘 자산 곡선 비교 차트' }).waitFor();
      assert.ok((await page.locator('td.ex-best').count()) > 0, 'the best value of some row is highlighted');
      await screenshot(page, `explore-compare${suffix}`);

      await page.goto(`${stack.url}/queue`);
      await page.getByText('온라인 워커').waitFor();
      await page.getByText('최근 완료된 작업').first().waitFor();
      // Let the rolling buffer collect a few polls so the charts draw lines.
      await page.getByRole('img', { name: /초당 처리 건수/ }).waitFor({ timeout: 15_000 });
      await page.waitForTimeout(3_000);
      await screenshot(page, `explore-queue${suffix}`);
      await context.close();
    }
  },
};

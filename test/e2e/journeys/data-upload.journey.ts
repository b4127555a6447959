import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { screenshot } from '../browser';
import { assertNoHorizontalOverflow, logInThroughUi, newContext } from './account-purchase.journey';
import type { Journey } from './journey';

const DAYS = 40;

/** A Korean investing.com export: quoted thousands separators, K volumes, newest row first. */
export function investingComCsv(days = DAYS): string {
  const won = (value: number) => `"${value.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}"`;
  const rows: string[] = [];
  const start = Date.UTC(2024, 0, 1);
  for (let day = 0; day < days; day += 1) {
    const close = 35_180_000 + ((day * 7919) % 23) * 40_000 - 400_000;
    const open = close - 120_000;
    const date = new Date(start + day * 86_400_000).toISOString().slice(0, 10);
    rows.push(
      [`"${date}"`, won(close), won(open), won(close + 250_000), won(open - 180_000), `"${(1 + (day % 9) / 10).toFixed(1)}K"`, '"0.35%"'].join(','),
    );
  }
  return ['"날짜","종가","시가","고가","저가","거래량","변동 %"', ...rows.reverse()].join('\n') + '\n';
}

export const dataUpload: Journey = {
  name: 'data: trader uploads a newest-first investing.com CSV, sees the report and the private dataset; support sees their recent jobs',
  async run({ stack, browser }) {
    const dir = await mkdtemp(join(tmpdir(), 'stratbench-e2e-'));
    const csvPath = join(dir, 'btc-krw-investing.csv');
    await writeFile(csvPath, investingComCsv(), 'utf8');
    const ticker = `E2E${randomBytes(2).toString('hex').toUpperCase()}`;
    const context = await newContext(browser);
    const page = await context.newPage();
    try {
      await logInThroughUi(page, stack, { email: 'trader@stratbench.dev', password: 'trader-demo-pass' }, '/data');
      await page.getByRole('heading', { level: 1, name: '내 데이터' }).waitFor();
      await page.getByTestId('public-datasets').getByText('BTC-KRW', { exact: true }).waitFor();

      await page.getByLabel('CSV 파일').setInputFiles(csvPath);
      await page.getByLabel('종목 코드').fill(ticker);
      await page.getByLabel('주기').selectOption('1d');
      await page.getByLabel('이름 (선택)').fill('E2E 비트코인');
      await page.getByLabel('통화 (선택)').fill('KRW');
      await page.getByLabel('시장 (선택)').selectOption('crypto');
      await page.getByRole('button', { name: '올리기' }).click();

      const report = page.getByRole('status', { name: `${ticker} 가져오기 완료` });
      await report.waitFor({ timeout: 20_000 });
      const text = await report.innerText();
      assert.match(text, /가져온 행\s*40행/);
      assert.match(text, /최신순/);
      assert.match(text, /1d/);

      const mine = page.getByTestId('private-datasets');
      const row = mine.getByRole('row').filter({ hasText: ticker });
      await row.waitFor();
      assert.match(await row.innerText(), /E2E 비트코인[\s\S]*crypto[\s\S]*KRW[\s\S]*40/);
      await screenshot(page, 'data-upload');

      await page.setViewportSize({ width: 375, height: 800 });
      await assertNoHorizontalOverflow(page, 'my data at 375 px');
      await screenshot(page, 'data-upload-375');

      // Support looks the trader up: their recent jobs (from the backtest journeys) link to the run page.
      await page.setViewportSize({ width: 1280, height: 900 });
      const supportContext = await newContext(browser);
      const support = await supportContext.newPage();
      try {
        await logInThroughUi(support, stack, { email: 'support@stratbench.dev', password: 'support-demo-pass' }, '/admin/users');
        await support.getByLabel('이메일').fill('trader@stratbench.dev');
        await support.getByRole('button', { name: '검색' }).click();
        await support.getByRole('link', { name: 'trader@stratbench.dev' }).click();
        const jobs = support.getByTestId('admin-user-jobs');
        const link = jobs.getByRole('link', { name: /^백테스트 열기: GOOG/ }).first();
        await link.waitFor();
        assert.match(await jobs.innerText(), /완료/);
        await screenshot(support, 'admin-user-jobs');
        await link.click();
        await support.waitForURL(/\/backtests\/[0-9a-f-]{36}$/);
        // Staff may read anyone's job and its result.
        await support.getByTestId('backtest-status').filter({ hasText: '완료' }).waitFor();
        await support.getByTestId('headline-return').waitFor({ timeout: 15_000 });
        await support.locator('figure[role="img"] canvas').first().waitFor();
        await screenshot(support, 'admin-user-job-run');
      } finally {
        await supportContext.close();
      }
    } finally {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
};

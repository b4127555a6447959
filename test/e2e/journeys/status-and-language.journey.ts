import assert from 'node:assert/strict';
import { screenshot } from '../browser';
import type { Journey } from './journey';

export const statusAndLanguage: Journey = {
  name: 'system status in Korean by default, then English after the switch',
  async run({ stack, browser }) {
    const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${stack.url}/status`);
    await page.getByText('postgres').first().waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'ko');
    await screenshot(page, 'status-ko');
    const heading = await page.getByRole('heading', { level: 1 }).innerText();
    await page.getByRole('group', { name: '언어' }).getByRole('button', { name: 'English' }).click();
    await page.waitForFunction("document.documentElement.lang === 'en'");
    assert.notEqual(await page.getByRole('heading', { level: 1 }).innerText(), heading);
    await screenshot(page, 'status-en');
    await context.close();
  },
};

import { execSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from './stack';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');

/** Debian's Chromium, installed on first use when the machine lacks it (CI runs as root). */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  console.log('Installing Chromium (apt-get install -y chromium)...');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
}

/**
 * A Korean font, so that screenshots of the Korean UI can be read (Debian's Chromium has none by itself).
 * Best effort: without it the journeys still pass, the screenshots just show boxes.
 */
export function ensureKoreanFont(): void {
  try {
    if (execSync('fc-list :lang=ko', { encoding: 'utf8' }).trim() !== '') return;
    console.log('Installing a Korean font for screenshots (apt-get install -y fonts-noto-cjk)...');
    execSync('DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk', { stdio: 'inherit' });
  } catch (err) {
    console.log(`No Korean font for screenshots: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export async function launchBrowser(): Promise<Browser> {
  ensureChromium();
  ensureKoreanFont();
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from './browser';
import { JOURNEYS } from './journeys';
import { ROOT, startStack } from './stack';

/**
 * Runs every browser journey against a real stack and writes test-output/e2e.json.
 * `E2E_ONLY=<text>` runs only the journeys whose name contains the text (while working on one).
 */
async function main(): Promise<void> {
  const only = process.env.E2E_ONLY;
  const journeys = only ? JOURNEYS.filter((j) => j.name.includes(only)) : JOURNEYS;
  const stack = await startStack();
  const browser = await launchBrowser();
  const shared: Record<string, unknown> = {};
  let passed = 0;
  let failed = 0;
  try {
    for (const journey of journeys) {
      const t0 = Date.now();
      try {
        await journey.run({ stack, browser, shared });
        passed++;
        console.log(`  ✓ ${journey.name} (${Date.now() - t0} ms)`);
      } catch (err) {
        failed++;
        console.log(`  ✕ ${journey.name} (${Date.now() - t0} ms)\n    ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      }
    }
  } finally {
    await browser.close();
    await stack.stop();
  }
  writeFileSync(join(ROOT, 'test-output', 'e2e.json'), JSON.stringify({ passed, failed }));
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

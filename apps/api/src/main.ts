import { ConfigValidationError, loadConfig } from '@app/common';
import { createApiApp } from './app.bootstrap';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApiApp();
  await app.listen(config.PORT, config.HOST);
  console.log(`Stratbench API listening on http://localhost:${config.PORT} (docs at /docs)`);
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigValidationError ? err.message : err);
  process.exit(1);
});

import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateOpenApiArtifacts } from './lib/openapi-artifacts';

const ROOT = join(__dirname, '..');
const TARGETS = { spec: join(ROOT, 'openapi.json'), clientTypes: join(ROOT, 'apps/web/src/api/schema.d.ts') } as const;

const read = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};

/**
 * Writes openapi.json (key-sorted) and the SPA's typed client schema, booting the app without
 * listening or connecting. With --check it writes nothing and fails when either committed file is stale.
 */
async function main(): Promise<void> {
  const artifacts = await generateOpenApiArtifacts();
  const check = process.argv.includes('--check');
  const stale = (Object.keys(TARGETS) as Array<keyof typeof TARGETS>).filter((k) => read(TARGETS[k]) !== artifacts[k]);
  if (check) {
    if (stale.length === 0) return console.log('openapi.json and the typed client are up to date.');
    console.error(`Stale: ${stale.map((k) => TARGETS[k].replace(`${ROOT}/`, '')).join(', ')}. Run \`npm run openapi\` and commit.`);
    process.exit(1);
  }
  for (const k of stale) writeFileSync(TARGETS[k], artifacts[k]);
  console.log(stale.length ? `Wrote ${stale.map((k) => TARGETS[k].replace(`${ROOT}/`, '')).join(', ')}` : 'Already up to date.');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

describe('committed OpenAPI spec and typed client', () => {
  it('match what the code generates (run `npm run openapi` and commit if this fails)', () => {
    const result = spawnSync(process.execPath, ['-r', '@swc-node/register', 'scripts/openapi.ts', '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('names every operation after its controller method and documents both auth schemes', () => {
    const spec = JSON.parse(readFileSync(join(ROOT, 'openapi.json'), 'utf8'));
    const ids: string[] = Object.values(spec.paths as Record<string, Record<string, { operationId: string }>>).flatMap((ops) =>
      Object.values(ops).map((op) => op.operationId),
    );
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z0-9]*$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(spec.components.securitySchemes).sort()).toEqual(['apiKey', 'bearer']);
  });
});

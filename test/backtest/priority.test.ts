import request from 'supertest';
import { assertLedgerBalanced, bearer, createUser } from '../support/auth';
import { createTestEnv, type TestEnv } from '../support/test-env';
import { startTestApi } from '../support/test-app';
import { startWorker, type WorkerProcess } from '../support/worker-process';
import { FAST_WORKER_ENV, backtestBody, submit, waitFor } from './support';
import { seedSymbol } from './support';

describe('priority by plan (real worker process, concurrency 1)', () => {
  let env: TestEnv;
  let api: Awaited<ReturnType<typeof startTestApi>>;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    env = await createTestEnv(FAST_WORKER_ENV);
    await seedSymbol(env.dataSource, 'SYN');
    api = await startTestApi();
  });

  afterAll(async () => {
    await worker?.stop();
    await api?.close();
    if (env) await assertLedgerBalanced(env.dataSource);
    await env?.teardown();
  });

  it('runs a later pro job before the free jobs queued ahead of it', async () => {
    const [free, pro] = await Promise.all([
      createUser(env.dataSource, api.url, { plan: 'free', credits: 30 }),
      createUser(env.dataSource, api.url, { plan: 'pro', credits: 30 }),
    ]);
    const freeIds: string[] = [];
    for (let i = 0; i < 5; i++)
      freeIds.push((await submit(api.url, free.accessToken, backtestBody())).body.id);
    const proRes = await submit(api.url, pro.accessToken, backtestBody());
    expect(proRes.status).toBe(202);
    const proId = proRes.body.id as string;

    // While nothing runs: the pro job is first in line, the free ones keep their order behind it.
    expect((await request(api.url).get(`/api/backtests/${proId}`).set(bearer(pro))).body.queuePosition).toBe(
      1,
    );
    expect(
      (await request(api.url).get(`/api/backtests/${freeIds[0]}`).set(bearer(free))).body.queuePosition,
    ).toBe(2);
    expect(
      (await request(api.url).get(`/api/backtests/${freeIds[4]}`).set(bearer(free))).body.queuePosition,
    ).toBe(6);

    worker = await startWorker(env.env, { WORKER_CONCURRENCY: '1' });
    const all = [proId, ...freeIds];
    const rows = await waitFor(
      async () => {
        const r: Array<{ id: string; status: string; started_at: Date }> = await env.dataSource.query(
          `SELECT id, status, started_at FROM backtests WHERE id = ANY($1) ORDER BY started_at`,
          [all],
        );
        return r.every((x) => x.status === 'completed') ? r : undefined;
      },
      30_000,
      'every job to complete',
    );
    expect(rows.map((r) => r.id)).toEqual([proId, ...freeIds]);
  });
});

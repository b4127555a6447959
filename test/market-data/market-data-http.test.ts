import request from 'supertest';
import { bearer, createUser, type TestUser } from '../support/auth';
import { createTestEnv, type TestEnv } from '../support/test-env';
import { startTestApi } from '../support/test-app';
import { fixture, sample, tableCounts } from './support';

describe('market data HTTP API', () => {
  let env: TestEnv;
  let api: Awaited<ReturnType<typeof startTestApi>>;
  let admin: TestUser;
  let alice: TestUser;
  let bob: TestUser;

  const upload = (user: TestUser, file: Buffer, fields: Record<string, string>, filename = 'bars.csv') => {
    const req = request(api.url).post('/api/market-data/imports').set(bearer(user));
    for (const [name, value] of Object.entries(fields)) void req.field(name, value);
    return req.attach('file', file, filename);
  };

  beforeAll(async () => {
    env = await createTestEnv({ UPLOAD_LIMIT_MB: '1' });
    api = await startTestApi();
    [admin, alice, bob] = await Promise.all([
      createUser(env.dataSource, api.url, { role: 'admin' }),
      createUser(env.dataSource, api.url, { role: 'trader' }),
      createUser(env.dataSource, api.url, { role: 'trader' }),
    ]);
  });

  afterAll(async () => {
    await api?.close();
    await env?.teardown();
  });

  it('requires authentication for the catalogue', async () => {
    const res = await request(api.url).get('/api/market-data/symbols');
    expect(res.status).toBe(401);
  });

  it("imports a newest-first Korean investing.com export as the trader's private dataset", async () => {
    const res = await upload(alice, fixture('newest-first-korean-investing-export.csv'), {
      symbol: 'BTC-KRW-MINE',
      timeframe: '1d',
      currency: 'krw',
      market: 'crypto',
      name: '내 비트코인',
    });
    expect(res.status).toBe(201);
    expect(res.body.report).toMatchObject({ imported: 5, sourceOrder: 'descending', firstDate: '2023-09-04T00:00:00.000Z', lastDate: '2023-09-08T00:00:00.000Z' });
    expect(res.body.symbol).toMatchObject({
      ticker: 'BTC-KRW-MINE',
      visibility: 'private',
      ownedByMe: true,
      currency: 'KRW',
      name: '내 비트코인',
      barCount: 5,
      datasetVersion: 1,
      timeframe: '1d',
    });

    const bars = await request(api.url).get(`/api/market-data/symbols/${res.body.symbol.id}/bars`).set(bearer(alice));
    expect(bars.status).toBe(200);
    expect(bars.body.bars.map((b: { time: number }) => new Date(b.time).toISOString().slice(0, 10))).toEqual([
      '2023-09-04',
      '2023-09-05',
      '2023-09-06',
      '2023-09-07',
      '2023-09-08',
    ]);
    expect(bars.body.bars[4]).toMatchObject({ open: 35_616_000, high: 35_800_000, low: 35_000_000, close: 35_180_000, volume: 1500 });
  });

  it("keeps a trader's private dataset invisible to another trader", async () => {
    const mine = await upload(alice, fixture('halted-trading-days.csv'), { symbol: 'SECRET', timeframe: '1d' });
    expect(mine.status).toBe(201);
    const id = mine.body.symbol.id;

    const bobCatalogue = await request(api.url).get('/api/market-data/symbols').set(bearer(bob));
    expect(bobCatalogue.status).toBe(200);
    expect(bobCatalogue.body.symbols.map((s: { ticker: string }) => s.ticker)).not.toContain('SECRET');
    const aliceCatalogue = await request(api.url).get('/api/market-data/symbols').set(bearer(alice));
    expect(aliceCatalogue.body.symbols.find((s: { id: string }) => s.id === id)).toMatchObject({ ownedByMe: true, barCount: 5 });

    for (const path of [`/api/market-data/symbols/${id}/bars`, `/api/market-data/symbols/${id}`]) {
      const res = await request(api.url).get(path).set(bearer(bob));
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('SYMBOL_NOT_FOUND');
    }
    const del = await request(api.url).delete(`/api/market-data/symbols/${id}`).set(bearer(bob));
    expect(del.status).toBe(404);
    expect((await env.dataSource.query('SELECT count(*)::int AS n FROM bar_chunks WHERE symbol_id = $1', [id]))[0].n).toBe(1);
  });

  it("an admin's upload is a public dataset every trader sees in the catalogue", async () => {
    const res = await upload(admin, sample('KS11_KOSPI_daily_2021-2023.csv'), {
      symbol: '^KS11',
      timeframe: '1d',
      name: 'KOSPI Composite Index',
      market: 'index',
      currency: 'KRW',
      timezone: 'Asia/Seoul',
      adjusted: 'false',
    });
    expect(res.status).toBe(201);
    expect(res.body.symbol).toMatchObject({ visibility: 'public', barCount: 656 });

    const catalogue = await request(api.url).get('/api/market-data/symbols').set(bearer(bob));
    expect(catalogue.body.symbols.find((s: { ticker: string }) => s.ticker === '^KS11')).toMatchObject({
      name: 'KOSPI Composite Index',
      market: 'index',
      currency: 'KRW',
      adjusted: false,
      timeframe: '1d',
      availableTimeframes: ['1d', '1w'],
      firstTime: '2021-01-04T00:00:00.000Z',
      lastTime: '2023-08-29T00:00:00.000Z',
      barCount: 656,
      ownedByMe: false,
    });
  });

  it('pages through bars with a cursor, within from/to, and resamples on request', async () => {
    const catalogue = await request(api.url).get('/api/market-data/symbols').set(bearer(bob));
    const id = catalogue.body.symbols.find((s: { ticker: string }) => s.ticker === '^KS11').id;
    const url = `/api/market-data/symbols/${id}/bars`;

    const all = await request(api.url).get(url).query({ limit: 10_000 }).set(bearer(bob));
    expect(all.body.bars).toHaveLength(656);
    expect(all.body.nextCursor).toBeNull();

    const collected: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: request.Response = await request(api.url)
        .get(url)
        .query({ from: '2022-01-01', to: '2022-12-31', limit: 100, ...(cursor ? { cursor } : {}) })
        .set(bearer(bob));
      expect(page.status).toBe(200);
      collected.push(...page.body.bars.map((b: { time: number }) => b.time));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);
    const expected2022 = all.body.bars.map((b: { time: number }) => b.time).filter((t: number) => t >= Date.UTC(2022, 0, 1) && t <= Date.UTC(2022, 11, 31));
    expect(collected).toEqual(expected2022);
    expect(pages).toBe(Math.ceil(expected2022.length / 100));

    const weekly = await request(api.url).get(url).query({ timeframe: '1w', limit: 3 }).set(bearer(bob));
    expect(weekly.status).toBe(200);
    expect(weekly.body.timeframe).toBe('1w');
    expect(new Date(weekly.body.bars[0].time).toISOString()).toBe('2021-01-04T00:00:00.000Z');
    expect(weekly.body.bars[1].time - weekly.body.bars[0].time).toBe(7 * 86_400_000);

    const finer = await request(api.url).get(url).query({ timeframe: '1h' }).set(bearer(bob));
    expect(finer.status).toBe(422);
    expect(finer.body.code).toBe('TIMEFRAME_UNAVAILABLE');
  });

  it('rejects a bad file with 422 IMPORT_REJECTED, its problems by line, and writes nothing', async () => {
    const before = await tableCounts(env.dataSource);
    const res = await upload(alice, fixture('duplicate-timestamp.csv'), { symbol: 'DUPES', timeframe: '1d' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('IMPORT_REJECTED');
    expect(res.body.details.problems).toEqual([expect.objectContaining({ line: 4, code: 'DUPLICATE_TIMESTAMP' })]);
    expect(await tableCounts(env.dataSource)).toEqual(before);

    const skipped = await upload(alice, fixture('duplicate-timestamp.csv'), { symbol: 'DUPES', timeframe: '1d', skipInvalid: 'true' });
    expect(skipped.status).toBe(201);
    expect(skipped.body.report).toMatchObject({ imported: 3, skipped: 1, skippedLines: [4] });
  });

  it('answers 413 in the JSON error shape when the file exceeds UPLOAD_LIMIT_MB, and writes nothing', async () => {
    const before = await tableCounts(env.dataSource);
    const res = await upload(alice, sample('BTC-PERP_1m_2021-12-31_2022-02-01.csv'), { symbol: 'BIG', timeframe: '1m' });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(await tableCounts(env.dataSource)).toEqual(before);
  });

  it('validates the form: missing file, unknown timeframe or market, stray fields', async () => {
    const noFile = await request(api.url).post('/api/market-data/imports').set(bearer(alice)).field('symbol', 'X').field('timeframe', '1d');
    expect(noFile.status).toBe(400);
    expect(noFile.body.code).toBe('FILE_REQUIRED');

    const bad = await upload(alice, fixture('halted-trading-days.csv'), { symbol: 'X', timeframe: '3d', market: 'moon' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['market', 'timeframe']);

    const stray = await upload(alice, fixture('halted-trading-days.csv'), { symbol: 'X', ownerId: admin.id });
    expect(stray.status).toBe(400);

    const badQuery = await request(api.url).get('/api/market-data/symbols/not-a-uuid/bars').set(bearer(alice));
    expect(badQuery.status).toBe(404);
  });

  it('lets the owner delete a private dataset, and only an admin delete a public one', async () => {
    const mine = await upload(alice, fixture('halted-trading-days.csv'), { symbol: 'TEMP', timeframe: '1d' });
    const del = await request(api.url).delete(`/api/market-data/symbols/${mine.body.symbol.id}`).set(bearer(alice));
    expect(del.status).toBe(204);
    expect((await env.dataSource.query('SELECT count(*)::int AS n FROM bar_chunks WHERE symbol_id = $1', [mine.body.symbol.id]))[0].n).toBe(0);
    expect((await request(api.url).get(`/api/market-data/symbols/${mine.body.symbol.id}/bars`).set(bearer(alice))).status).toBe(404);

    const catalogue = await request(api.url).get('/api/market-data/symbols').set(bearer(alice));
    const publicId = catalogue.body.symbols.find((s: { ticker: string }) => s.ticker === '^KS11').id;
    const forbidden = await request(api.url).delete(`/api/market-data/symbols/${publicId}`).set(bearer(alice));
    expect(forbidden.status).toBe(403);
    const byAdmin = await request(api.url).delete(`/api/market-data/symbols/${publicId}`).set(bearer(admin));
    expect(byAdmin.status).toBe(204);
  });

  it('a re-import bumps datasetVersion, and the bars endpoint serves the new data at once', async () => {
    const first = await upload(bob, fixture('halted-trading-days.csv'), { symbol: 'RE', timeframe: '1d' });
    const id = first.body.symbol.id;
    const before = await request(api.url).get(`/api/market-data/symbols/${id}/bars`).set(bearer(bob));
    expect(before.body).toMatchObject({ datasetVersion: 1 });
    expect(before.body.bars).toHaveLength(5);

    const second = await upload(bob, fixture('duplicate-timestamp.csv'), { symbol: 'RE', timeframe: '1d', skipInvalid: 'true' });
    expect(second.body.symbol).toMatchObject({ id, datasetVersion: 2, barCount: 3 });
    const after = await request(api.url).get(`/api/market-data/symbols/${id}/bars`).set(bearer(bob));
    expect(after.body).toMatchObject({ datasetVersion: 2 });
    expect(after.body.bars).toHaveLength(3);
  });
});

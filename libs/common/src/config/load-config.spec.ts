import { ConfigValidationError, loadConfig } from './load-config';

describe('loadConfig', () => {
  it('gives sane local defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toMatch(/^postgres:/);
    expect(config.WORKER_CONCURRENCY).toBe(5);
  });

  it('lists every bad variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', REDIS_URL: 'http://nope', WORKER_CONCURRENCY: '0', TOSS_SECRET_KEY: 'sk_x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const problems = (error as ConfigValidationError).problems.join('\n');
    for (const key of ['PORT', 'REDIS_URL', 'WORKER_CONCURRENCY', 'TOSS_SECRET_KEY']) expect(problems).toContain(key);
    expect((error as ConfigValidationError).problems).toHaveLength(4);
  });

  it('refuses the development JWT secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_ACCESS_SECRET/);
  });
});

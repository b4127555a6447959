import { debouncedRefreshSlot } from './refresh-debounce';

describe('debouncedRefreshSlot', () => {
  it('completions within one window share a job id and run at its end', () => {
    const a = debouncedRefreshSlot(30_000 * 10 + 1_000, 30);
    const b = debouncedRefreshSlot(30_000 * 10 + 29_000, 30);
    expect(a.jobId).toBe(b.jobId);
    expect(a.delayMs).toBe(29_000);
    expect(b.delayMs).toBe(1_000);
  });

  it('the next window gets another job, so a completion during a running refresh is not swallowed', () => {
    expect(debouncedRefreshSlot(30_000 * 11, 30).jobId).not.toBe(debouncedRefreshSlot(30_000 * 11 - 1, 30).jobId);
  });

  it('the delay is never more than the window', () => {
    expect(debouncedRefreshSlot(30_000 * 11, 30).delayMs).toBe(30_000);
  });

  it('ids avoid ":" (BullMQ custom ids)', () => {
    expect(debouncedRefreshSlot(Date.now(), 30).jobId).not.toContain(':');
  });

  it('no debounce: refresh at once, one job per completion', () => {
    expect(debouncedRefreshSlot(123, 0)).toEqual({ delayMs: 0 });
  });
});

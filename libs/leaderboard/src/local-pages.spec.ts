import {
  LocalPages,
  PAGE_TTL_MS,
  VERSION_TRUST_MS,
  announceLeaderboardVersion,
  onLeaderboardVersion,
} from './local-pages';

describe('LocalPages', () => {
  let now = 0;
  const pages = () => new LocalPages<string>(() => now);
  beforeEach(() => (now = 1000));

  it('serves a page remembered under the current version', () => {
    const memo = pages();
    memo.set('q', 3, 'page');
    now += 100;
    expect(memo.get('q')).toBe('page');
    expect(memo.get('other')).toBeUndefined();
  });

  it('stops trusting the version after VERSION_TRUST_MS, so the caller asks Redis again', () => {
    const memo = pages();
    memo.set('q', 3, 'page');
    now += VERSION_TRUST_MS + 1;
    expect(memo.get('q')).toBeUndefined();
  });

  it('drops a page older than PAGE_TTL_MS even while the version is re-read', () => {
    const memo = pages();
    memo.set('q', 3, 'page');
    now += PAGE_TTL_MS + 1;
    memo.observeVersion(3);
    expect(memo.get('q')).toBeUndefined();
  });

  it('forgets every page when a newer version is seen, and ignores pages of older versions', () => {
    const memo = pages();
    memo.set('q', 3, 'old');
    memo.observeVersion(4);
    expect(memo.get('q')).toBeUndefined();
    memo.set('q', 3, 'late read of the old version');
    expect(memo.get('q')).toBeUndefined();
  });

  it('hears a refresh announced in this process under the same prefix only', () => {
    const memo = pages();
    memo.set('q', 3, 'page');
    const stop = onLeaderboardVersion('p1', (v) => memo.observeVersion(v));
    announceLeaderboardVersion('p2', 9);
    expect(memo.get('q')).toBe('page');
    announceLeaderboardVersion('p1', 4);
    expect(memo.get('q')).toBeUndefined();
    stop();
  });

  it('peek: fresh, then stale for as long again (to serve while revalidating), then gone', () => {
    const memo = pages();
    memo.set('q', 3, 'page');
    expect(memo.peek('q')).toEqual({ page: 'page', stale: false });
    now += VERSION_TRUST_MS + 1;
    expect(memo.peek('q')).toEqual({ page: 'page', stale: true });
    expect(memo.get('q')).toBeUndefined();
    now += VERSION_TRUST_MS;
    expect(memo.peek('q')).toBeUndefined();
    memo.observeVersion(3);
    expect(memo.peek('q')).toEqual({ page: 'page', stale: false });
    now += PAGE_TTL_MS;
    memo.observeVersion(3);
    expect(memo.peek('q')).toEqual({ page: 'page', stale: true });
    now += PAGE_TTL_MS;
    memo.observeVersion(3);
    expect(memo.peek('q')).toBeUndefined();
  });

  it('peek never returns a page of an older version', () => {
    const memo = pages();
    memo.set('q', 3, 'page');
    memo.observeVersion(4);
    expect(memo.peek('q')).toBeUndefined();
  });
});

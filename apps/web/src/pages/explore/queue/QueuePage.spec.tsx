import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderRoute } from '../../../test/render';
import { SLOW, ME, callsTo, mockApi, signIn } from '../testing';
import { pushSample, toSample } from './buffer';
import { QUEUE_REFRESH_MS } from './QueuePage';

const socket = vi.hoisted(() => {
  const handlers = new Map<string, () => void>();
  return {
    handlers,
    on: (event: string, handler: () => void) => handlers.set(event, handler),
    off: (event: string) => handlers.delete(event),
  };
});

vi.mock('../../../realtime', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../realtime')>();
  return { ...actual, getRealtimeSocket: () => socket, onRealtimeSocketChange: () => () => undefined };
});

afterEach(() => socket.handlers.clear());

const metrics = (over: Partial<{ measuredAt: string; perSecond1m: number }> = {}) => ({
  counts: { waiting: 7, active: 2, completed: 130, failed: 3, delayed: 1 },
  waitingPerPlan: { pro: 1, basic: 2, free: 4 },
  workersOnline: 2,
  throughput: { lastMinute: 12, last5Minutes: 40, perSecond1m: over.perSecond1m ?? 0.2, perSecond5m: 0.133 },
  wait: { samples: 9, avgMs: 1530, p95Ms: 4200 },
  measuredAt: over.measuredAt ?? '2024-03-05T09:00:00.000Z',
});

const job = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  userId: ME.id,
  status: 'active',
  progress: 40,
  progressStep: 'simulating',
  strategyName: `Job ${id}`,
  symbol: 'SPY',
  timeframe: '1d',
  plan: 'basic',
  attempts: 1,
  createdAt: '2024-03-05T08:59:00.000Z',
  startedAt: '2024-03-05T08:59:30.000Z',
  finishedAt: null,
  queueWaitMs: 900,
  returnPct: null,
  sharpe: null,
  error: null,
  ...over,
});

function setup(role: 'trader' | 'admin' = 'trader') {
  const me = signIn(role);
  let polls = 0;
  const fetchMock = mockApi(
    {
      'GET /api/queue/metrics': () =>
        metrics({ measuredAt: new Date(Date.UTC(2024, 2, 5, 9, 0, polls++ * 3)).toISOString() }),
      'GET /api/queue/jobs': () => ({
        everyone: role === 'admin',
        active: [job('a1')],
        waiting: [job('w1', { status: 'pending', progress: 0, progressStep: null, plan: 'pro' })],
        recent: [
          job('r1', {
            status: 'completed',
            progress: 100,
            returnPct: 14.2,
            sharpe: 1.87,
            finishedAt: '2024-03-05T08:58:00.000Z',
          }),
        ],
      }),
    },
    me,
  );
  return fetchMock;
}

describe('QueuePage', () => {
  it('shows the counts, per-plan waiting, throughput and wait with their units', async () => {
    setup();
    renderRoute('/queue');
    const waiting = await screen.findByText('대기', { selector: 'dt' }, SLOW);
    expect(waiting.nextElementSibling).toHaveTextContent('7건');
    expect(screen.getByText('재시도 대기', { selector: 'dt' }).nextElementSibling).toHaveTextContent('1건');
    expect(screen.getByText('온라인 워커', { selector: 'dt' }).nextElementSibling).toHaveTextContent('2');

    const perPlan = screen.getByRole('region', { name: '요금제별 대기' });
    expect(within(perPlan).getByText('4건')).toBeInTheDocument();
    expect(within(perPlan).getByText('프로')).toBeInTheDocument();

    expect(screen.getByText('초당 0.2건')).toBeInTheDocument();
    expect(screen.getByText('초당 0.133건')).toBeInTheDocument();
    expect(screen.getByText(/^1\.53\s?초$/)).toBeInTheDocument();
    expect(screen.getByText(/^4\.2\s?초$/)).toBeInTheDocument();
  });

  it('lists active jobs with progress bars and recent jobs with return and Sharpe', async () => {
    setup();
    renderRoute('/queue');
    const bar = await screen.findByRole('progressbar', { name: 'Job a1 · SPY 진행률' }, SLOW);
    await screen.findByText('Job r1');
    expect(bar).toHaveAttribute('aria-valuenow', '40');
    expect(screen.getByText('단계: 시뮬레이션', { exact: false })).toBeInTheDocument();
    const recent = screen.getAllByRole('region', { name: '최근 완료된 작업' })[0];
    const row = within(recent).getByText('Job r1').closest('tr')!;
    expect(within(row).getByText('+14.20%')).toBeInTheDocument();
    expect(within(row).getByText('1.87')).toBeInTheDocument();
    expect(within(row).getByText(/^0\.9\s?초$/)).toBeInTheDocument();
    expect(screen.getByText('내 작업만 표시합니다. 위의 합계는 전체 큐 기준입니다.')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Bull Board/ })).not.toBeInTheDocument();
  });

  it('gives staff a link to Bull Board', async () => {
    setup('admin');
    renderRoute('/queue');
    const link = await screen.findByRole('link', { name: /Bull Board/ }, SLOW);
    expect(link.getAttribute('href')).toMatch(/^\/admin\/queues\?token=/);
    expect(await screen.findByText('운영자 보기: 모든 사용자의 작업입니다.')).toBeInTheDocument();
  });

  it('polls every few seconds, charts the rolling buffer and refetches on socket events', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const fetchMock = setup();
      renderRoute('/queue');
      await screen.findByText('대기', { selector: 'dt' }, SLOW);
      expect(screen.getAllByText('추이를 그리기 위해 데이터를 모으는 중입니다…')).toHaveLength(2);
      const before = callsTo(fetchMock, 'GET', '/api/queue/metrics').length;
      await act(() => vi.advanceTimersByTimeAsync(QUEUE_REFRESH_MS));
      await waitFor(() =>
        expect(callsTo(fetchMock, 'GET', '/api/queue/metrics').length).toBeGreaterThan(before),
      );
      expect(await screen.findByRole('img', { name: /초당 처리 건수/ })).toBeInTheDocument();
      expect(screen.getByRole('img', { name: /대기 시간\(초\)/ })).toBeInTheDocument();

      const jobsBefore = callsTo(fetchMock, 'GET', '/api/queue/jobs').length;
      act(() => socket.handlers.get('backtest.completed')?.());
      await waitFor(() =>
        expect(callsTo(fetchMock, 'GET', '/api/queue/jobs').length).toBeGreaterThan(jobsBefore),
      );
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('queue sample buffer', () => {
  it('keeps the newest samples and skips repeated measurements', () => {
    const a = toSample(metrics({ measuredAt: '2024-03-05T09:00:00.000Z' }));
    const b = toSample(metrics({ measuredAt: '2024-03-05T09:00:03.000Z', perSecond1m: 0.5 }));
    let buffer = pushSample([], a, 2);
    buffer = pushSample(buffer, a, 2);
    expect(buffer).toHaveLength(1);
    buffer = pushSample(buffer, b, 2);
    buffer = pushSample(buffer, { ...b, at: b.at + 1000 }, 2);
    expect(buffer.map((s) => s.perSecond1m)).toEqual([0.5, 0.5]);
    expect(buffer[0].at).toBe(b.at);
  });
});

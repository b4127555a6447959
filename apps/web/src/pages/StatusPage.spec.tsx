import { act, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { jsonResponse, mockFetch } from '../test/http';
import { renderRoute } from '../test/render';
import { READINESS_REFRESH_MS } from './StatusPage';

const healthy = {
  status: 'ready',
  dependencies: [
    { name: 'postgres', ok: true, latencyMs: 3 },
    { name: 'redis', ok: true, latencyMs: 1 },
    { name: 'queue', ok: true, latencyMs: 2 },
  ],
};

const redisDown = {
  statusCode: 503,
  code: 'DEPENDENCY_UNAVAILABLE',
  message: 'Not ready: redis (connect ECONNREFUSED 127.0.0.1:6379)',
  details: {
    failed: ['redis'],
    dependencies: [
      { name: 'postgres', ok: true, latencyMs: 4 },
      { name: 'redis', ok: false, latencyMs: 1500, error: 'connect ECONNREFUSED 127.0.0.1:6379' },
      { name: 'queue', ok: false, latencyMs: 1500, error: 'no answer within 1500 ms' },
    ],
  },
  requestId: 'req-1',
};

function rows() {
  return within(screen.getByRole('list', { name: '의존 서비스' })).getAllByRole('listitem');
}

describe('StatusPage', () => {
  it('calls GET /health/ready and shows every dependency as operational', async () => {
    const fetchMock = mockFetch(() => jsonResponse(healthy));
    renderRoute('/status');

    expect(await screen.findByRole('heading', { level: 1, name: '시스템 상태' })).toBeInTheDocument();
    expect(await screen.findByText('모든 시스템이 정상입니다')).toBeInTheDocument();
    expect(rows()).toHaveLength(3);
    const postgres = rows()[0];
    expect(within(postgres).getByText('데이터베이스 (PostgreSQL)')).toBeInTheDocument();
    expect(within(postgres).getByText('정상')).toBeInTheDocument();
    expect(within(postgres).getByText(/^3\s?ms$/)).toBeInTheDocument();

    const request = fetchMock.mock.calls[0][0] as Request;
    expect(request.method).toBe('GET');
    expect(new URL(request.url).pathname).toBe('/health/ready');
  });

  it('shows a loading state until the first answer', async () => {
    mockFetch(() => new Promise<Response>(() => {}));
    renderRoute('/status');
    expect(await screen.findByRole('status')).toHaveTextContent('서비스 상태를 확인하는 중…');
  });

  it('renders the dependencies from a 503 error body, with the API message', async () => {
    mockFetch(() => jsonResponse(redisDown, 503, { 'Retry-After': '5' }));
    renderRoute('/status');

    expect(await screen.findByText('일부 시스템을 사용할 수 없습니다')).toBeInTheDocument();
    expect(screen.getByText(redisDown.message)).toBeInTheDocument();
    const [postgres, redis, queue] = rows();
    expect(within(postgres).getByText('정상')).toBeInTheDocument();
    expect(within(redis).getByText('장애')).toBeInTheDocument();
    expect(within(redis).getByText('connect ECONNREFUSED 127.0.0.1:6379')).toBeInTheDocument();
    expect(within(queue).getByText('장애')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows the API message and code for other errors', async () => {
    mockFetch(() =>
      jsonResponse({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'An unexpected error occurred' }, 500),
    );
    renderRoute('/status');

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('An unexpected error occurred')).toBeInTheDocument();
    expect(within(alert).getByText('INTERNAL_ERROR')).toBeInTheDocument();
    expect(within(alert).getByRole('button', { name: '다시 시도' })).toBeInTheDocument();
  });

  it('explains when the server cannot be reached', async () => {
    mockFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    renderRoute('/status');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('서버에 연결할 수 없습니다');
  });

  it('polls every 5 seconds and recovers when the dependency is back', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      let calls = 0;
      const fetchMock = mockFetch(() =>
        ++calls === 1 ? jsonResponse(redisDown, 503) : jsonResponse(healthy),
      );
      renderRoute('/status');
      expect(await screen.findByText('일부 시스템을 사용할 수 없습니다')).toBeInTheDocument();
      expect(fetchMock).toHaveBeenCalledTimes(1);

      await act(() => vi.advanceTimersByTimeAsync(READINESS_REFRESH_MS));
      expect(await screen.findByText('모든 시스템이 정상입니다')).toBeInTheDocument();
      expect(fetchMock).toHaveBeenCalledTimes(2);
      expect(screen.queryByText(redisDown.message)).not.toBeInTheDocument();
    } finally {
      vi.useRealTimers();
    }
  });
});

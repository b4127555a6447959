import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse } from '../test/http';
import { authStore } from './authStore';
import { ApiError, createApiClient, unwrap } from './client';

function clientAnswering(response: () => Response | Promise<Response>) {
  const fetch = vi.fn(async (_request: Request) => response());
  return { api: createApiClient({ baseUrl: 'http://localhost', fetch }), fetch };
}

const ready = { status: 'ready', dependencies: [] };

describe('API client', () => {
  afterEach(() => authStore.clear());

  it('sends no Authorization header without a token', async () => {
    const { api, fetch } = clientAnswering(() => jsonResponse(ready));
    await unwrap(api.GET('/health/ready'));
    expect(fetch.mock.calls[0][0].headers.get('Authorization')).toBeNull();
  });

  it('adds the stored access token as a Bearer header', async () => {
    authStore.setTokens({ accessToken: 'acc-123', refreshToken: 'ref-456' });
    const { api, fetch } = clientAnswering(() => jsonResponse(ready));
    await unwrap(api.GET('/health/ready'));
    expect(fetch.mock.calls[0][0].headers.get('Authorization')).toBe('Bearer acc-123');
  });

  it('returns the data of a successful response', async () => {
    const { api } = clientAnswering(() => jsonResponse(ready));
    await expect(unwrap(api.GET('/health/ready'))).resolves.toEqual(ready);
  });

  it('throws an ApiError with the error body’s fields', async () => {
    const body = {
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'Invalid request: symbol: symbol must be a string',
      details: { fields: [{ field: 'symbol', messages: ['symbol must be a string'] }] },
      requestId: 'r-1',
    };
    const { api } = clientAnswering(() => jsonResponse(body, 400));
    const error = await unwrap(api.GET('/health/ready')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: body.message,
      details: body.details,
      requestId: 'r-1',
    });
    const apiError = error as ApiError;
    expect(apiError.fieldErrors).toEqual([{ field: 'symbol', messages: ['symbol must be a string'] }]);
    expect(apiError.messagesFor('symbol')).toEqual(['symbol must be a string']);
    expect(apiError.messagesFor('other')).toEqual([]);
  });

  it('turns a non-JSON error into an ApiError with an HTTP_ code', async () => {
    const { api } = clientAnswering(() => new Response('Bad Gateway', { status: 502, statusText: 'Bad Gateway' }));
    await expect(unwrap(api.GET('/health/ready'))).rejects.toMatchObject({
      statusCode: 502,
      code: 'HTTP_502',
      message: 'Bad Gateway',
    });
  });
});

describe('authStore', () => {
  afterEach(() => authStore.clear());

  it('stores, reads and clears both tokens and notifies subscribers', () => {
    const listener = vi.fn();
    const unsubscribe = authStore.subscribe(listener);
    authStore.setTokens({ accessToken: 'a', refreshToken: 'r' });
    expect(authStore.getTokens()).toEqual({ accessToken: 'a', refreshToken: 'r' });
    expect(authStore.getAccessToken()).toBe('a');
    expect(authStore.getRefreshToken()).toBe('r');
    authStore.clear();
    expect(authStore.getTokens()).toBeNull();
    expect(listener.mock.calls).toEqual([[{ accessToken: 'a', refreshToken: 'r' }], [null]]);
    unsubscribe();
    authStore.setTokens({ accessToken: 'b', refreshToken: 's' });
    expect(listener).toHaveBeenCalledTimes(2);
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { jsonResponse } from '../../../test/http';
import { renderRoute } from '../../../test/render';
import { SLOW, ME, callsTo, mockApi, signIn } from '../testing';
import { assignSpecMessages, parseParams } from './params';

const ID = '33333333-3333-4333-8333-333333333333';
const TEMPLATE = {
  id: 'sma-cross',
  name: 'SMA crossover',
  description: '',
  constraints: ['fast < slow'],
  jsonSchema: {},
  params: [
    { name: 'fast', type: 'integer', min: 1, required: true, default: 10, description: 'Fast period' },
    { name: 'slow', type: 'integer', min: 2, required: true, default: 30 },
    {
      name: 'direction',
      type: 'string',
      enum: ['long-short', 'long-only'],
      required: true,
      default: 'long-short',
    },
  ],
};
const STRATEGY = {
  id: ID,
  ownerId: ME.id,
  name: 'My SMA',
  description: null,
  spec: { kind: 'template', template: 'sma-cross', params: { fast: 10, slow: 30, direction: 'long-short' } },
  visibility: 'private',
  copiedFrom: '44444444-4444-4444-8444-444444444444',
  copyCount: 0,
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: '2024-01-01T00:00:00Z',
};

function setup(patch: (body: Record<string, unknown>) => unknown) {
  signIn();
  return mockApi({
    'GET /api/strategies/templates': () => [TEMPLATE],
    'GET /api/strategies/:id': () => STRATEGY,
    'GET /api/strategies': () => ({ items: [], total: 0, limit: 20, offset: 0 }),
    'PATCH /api/strategies/:id': async (request) => patch((await request.json()) as Record<string, unknown>),
    'DELETE /api/strategies/:id': () => new Response(null, { status: 204 }),
  });
}

describe('StrategyPage', () => {
  it('edits parameters through the template schema form and shows API validation errors on the field', async () => {
    let body: Record<string, unknown> | null = null;
    const fetchMock = setup((sent) => {
      body = sent;
      return jsonResponse(
        {
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          message: 'Invalid request',
          details: {
            fields: [
              { field: 'spec', messages: ['invalid parameter for sma-cross: fast must be less than slow'] },
            ],
          },
        },
        400,
      );
    });
    const { user } = renderRoute(`/strategies/${ID}`);
    const fast = await screen.findByLabelText(/^fast/, {}, SLOW);
    expect(screen.getByRole('link', { name: '백테스트 실행' })).toHaveAttribute(
      'href',
      `/backtest?strategyId=${ID}`,
    );
    expect(screen.getByRole('link', { name: '원본 전략 보기' })).toHaveAttribute(
      'href',
      '/leaderboard/44444444-4444-4444-8444-444444444444',
    );

    await user.clear(fast);
    await user.type(fast, '1.5');
    await user.click(screen.getByRole('button', { name: '저장' }));
    expect(fast).toHaveAccessibleDescription(/정수를 입력하세요/);
    expect(callsTo(fetchMock, 'PATCH', `/api/strategies/${ID}`)).toHaveLength(0);

    await user.clear(fast);
    await user.type(fast, '50');
    await user.click(screen.getByRole('radio', { name: /^공개/ }));
    await user.click(screen.getByRole('button', { name: '저장' }));
    await waitFor(() => expect(fast).toHaveAccessibleDescription(/fast must be less than slow/));
    expect(body).toMatchObject({
      name: 'My SMA',
      description: null,
      visibility: 'public',
      spec: {
        kind: 'template',
        template: 'sma-cross',
        params: { fast: 50, slow: 30, direction: 'long-short' },
      },
    });
  });

  it('deletes only after confirmation and goes back to the list', async () => {
    const fetchMock = setup(() => STRATEGY);
    const { user, router } = renderRoute(`/strategies/${ID}`);
    await user.click(await screen.findByRole('button', { name: '전략 삭제' }, SLOW));
    const dialog = screen.getByRole('dialog', { name: '‘My SMA’을(를) 삭제할까요?' });
    expect(callsTo(fetchMock, 'DELETE', `/api/strategies/${ID}`)).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: '삭제' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/strategies'));
    expect(callsTo(fetchMock, 'DELETE', `/api/strategies/${ID}`)).toHaveLength(1);
  });
});

describe('parameter helpers', () => {
  it('validates against the template schema', () => {
    const { values, problems } = parseParams(TEMPLATE.params as never, {
      fast: '0',
      slow: 'x',
      direction: 'long-only',
    });
    expect(problems).toEqual({ fast: { kind: 'min', limit: 1 }, slow: { kind: 'integer' } });
    expect(values).toEqual({ direction: 'long-only' });
  });

  it('assigns spec messages to the parameter they name', () => {
    expect(
      assignSpecMessages(
        ['invalid parameter for sma-cross: slow must be ≥ 2', 'unknown template'],
        ['fast', 'slow'],
      ),
    ).toEqual({
      byParam: { slow: ['invalid parameter for sma-cross: slow must be ≥ 2'] },
      general: ['unknown template'],
    });
  });
});

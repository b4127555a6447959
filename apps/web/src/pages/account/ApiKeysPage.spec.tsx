import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { sessionResponse, signInForTest } from '../../auth/testing';
import { jsonResponse, mockFetch } from '../../test/http';
import { renderRoute } from '../../test/render';

interface Key {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
const key = (id: string, name: string, extra: Partial<Key> = {}): Key => ({
  id,
  name,
  prefix: `sb_live_${id.slice(0, 4)}`,
  createdAt: '2024-05-01T00:00:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
  ...extra,
});

describe('API keys', () => {
  it('shows a new key once with a copy button, then only its prefix', async () => {
    signInForTest();
    const keys = [
      key('aaaa1111-0000-4000-8000-000000000000', 'old', { lastUsedAt: '2024-05-03T00:00:00.000Z' }),
    ];
    mockFetch(async (request) => {
      const session = sessionResponse(request);
      if (session) return session;
      if (request.method === 'POST') {
        const body = (await request.json()) as { name: string };
        if (body.name === 'taken') {
          return jsonResponse(
            {
              statusCode: 400,
              code: 'VALIDATION_FAILED',
              message: 'Invalid',
              details: { fields: [{ field: 'name', messages: ['name is too long'] }] },
            },
            400,
          );
        }
        const created = key('bbbb2222-0000-4000-8000-000000000000', body.name);
        keys.unshift(created);
        return jsonResponse({ ...created, key: 'sb_live_bbbb_SECRET_VALUE' }, 201);
      }
      return jsonResponse({ items: keys });
    });
    const { user } = renderRoute('/settings/api-keys');
    expect(await screen.findByText('old')).toBeInTheDocument();
    expect(screen.getByText(/마지막 사용/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '만들기' }));
    expect(screen.getByLabelText(/키 이름/)).toHaveAccessibleDescription('키 이름을 입력해 주세요.');

    await user.type(screen.getByLabelText(/키 이름/), 'taken');
    await user.click(screen.getByRole('button', { name: '만들기' }));
    expect(await screen.findByText('name is too long')).toBeInTheDocument();

    await user.clear(screen.getByLabelText(/키 이름/));
    await user.type(screen.getByLabelText(/키 이름/), 'notebook');
    await user.click(screen.getByRole('button', { name: '만들기' }));
    const field = await screen.findByLabelText('API 키');
    expect(field).toHaveValue('sb_live_bbbb_SECRET_VALUE');
    expect(screen.getByText(/한 번만 표시됩니다/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '복사' }));
    // user-event installs a clipboard stub in place of the browser's.
    expect(await navigator.clipboard.readText()).toBe('sb_live_bbbb_SECRET_VALUE');
    expect(await screen.findByText('클립보드에 복사했습니다.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '보관했습니다' }));
    expect(screen.queryByDisplayValue('sb_live_bbbb_SECRET_VALUE')).not.toBeInTheDocument();
    expect(screen.queryByText(/SECRET_VALUE/)).not.toBeInTheDocument();
    expect(await screen.findByText('notebook')).toBeInTheDocument();
    expect(screen.getByText('sb_live_bbbb…')).toBeInTheDocument();
  });

  it('revokes only after confirmation', async () => {
    signInForTest();
    const keys = [key('aaaa1111-0000-4000-8000-000000000000', 'old')];
    const deletes: string[] = [];
    mockFetch((request) => {
      const session = sessionResponse(request);
      if (session) return session;
      if (request.method === 'DELETE') {
        deletes.push(new URL(request.url).pathname);
        keys[0] = { ...keys[0], revokedAt: '2024-05-04T00:00:00.000Z' };
        return new Response(null, { status: 204 });
      }
      return jsonResponse({ items: keys });
    });
    const { user } = renderRoute('/settings/api-keys');
    await user.click(await screen.findByRole('button', { name: '“old” 키 폐기' }));
    const dialog = screen.getByRole('dialog', { name: '키를 폐기할까요?' });
    await user.click(within(dialog).getByRole('button', { name: '취소' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(deletes).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: '“old” 키 폐기' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: '폐기' }));
    await waitFor(() => expect(deletes).toEqual(['/api/api-keys/aaaa1111-0000-4000-8000-000000000000']));
    expect(await screen.findByText('폐기됨')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '“old” 키 폐기' })).not.toBeInTheDocument();
  });
});

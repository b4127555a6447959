import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { authStore } from '../../api/client';
import { TEST_TRADER } from '../../auth/testing';
import { jsonResponse, mockFetch } from '../../test/http';
import { renderRoute } from '../../test/render';

const session = {
  accessToken: 'a1',
  refreshToken: 'r1',
  tokenType: 'Bearer',
  expiresIn: 900,
  user: TEST_TRADER,
};
const validation = (fields: { field: string; messages: string[] }[]) =>
  jsonResponse(
    { statusCode: 400, code: 'VALIDATION_FAILED', message: 'Invalid request', details: { fields } },
    400,
  );

describe('log in', () => {
  it('checks the fields before calling the API', async () => {
    const fetchMock = mockFetch(() => jsonResponse({}, 500));
    const { user } = renderRoute('/login');
    await user.click(await screen.findByRole('button', { name: '로그인' }));
    expect(screen.getByLabelText(/이메일/)).toHaveAccessibleDescription('이메일을 입력해 주세요.');
    expect(screen.getByLabelText(/비밀번호/)).toHaveAccessibleDescription('비밀번호를 입력해 주세요.');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('shows API field errors on their fields', async () => {
    mockFetch(() => validation([{ field: 'email', messages: ['email must be an email'] }]));
    const { user } = renderRoute('/login');
    await user.type(await screen.findByLabelText(/이메일/), 'someone@example.com');
    await user.type(screen.getByLabelText(/비밀번호/), 'secret-pass');
    await user.click(screen.getByRole('button', { name: '로그인' }));
    expect(await screen.findByText('email must be an email')).toBeInTheDocument();
    expect(screen.getByLabelText(/이메일/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText(/비밀번호/)).not.toHaveAttribute('aria-invalid');
  });

  it('explains wrong credentials, and signs in and goes to `next` on success', async () => {
    let attempt = 0;
    mockFetch((request) => {
      const { pathname } = new URL(request.url);
      if (pathname === '/api/auth/login') {
        attempt++;
        return attempt === 1
          ? jsonResponse(
              { statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'Wrong email or password' },
              401,
            )
          : jsonResponse(session);
      }
      if (pathname === '/api/me') return jsonResponse(TEST_TRADER);
      if (pathname === '/api/credits') return jsonResponse({ balance: 42 });
      return jsonResponse({ statusCode: 404, code: 'NOT_FOUND', message: 'x' }, 404);
    });
    const { user, router } = renderRoute('/login?next=%2Fsettings%2Fapi-keys');
    await user.click(await screen.findByRole('button', { name: '데모 계정 입력' }));
    expect(screen.getByLabelText(/이메일/)).toHaveValue('trader@stratbench.dev');
    await user.click(screen.getByRole('button', { name: '로그인' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('이메일 또는 비밀번호가 올바르지 않습니다.');
    await user.click(screen.getByRole('button', { name: '로그인' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/settings/api-keys'));
    expect(authStore.getTokens()).toEqual({ accessToken: 'a1', refreshToken: 'r1' });
    expect(await screen.findByTestId('header-credits')).toHaveTextContent('42');
  });

  it('sends visitors of a protected page to /login with next', async () => {
    mockFetch(() => jsonResponse({}, 500));
    const { router } = renderRoute('/credits');
    expect(await screen.findByRole('heading', { level: 1, name: '로그인' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(router.state.location.search).toBe('?next=%2Fcredits');
  });
});

describe('sign up', () => {
  it('shows API field errors on their fields and EMAIL_TAKEN on the email field', async () => {
    let call = 0;
    const bodies: unknown[] = [];
    mockFetch(async (request) => {
      bodies.push(await request.json());
      call++;
      return call === 1
        ? validation([
            { field: 'password', messages: ['password is too common'] },
            { field: 'displayName', messages: ['displayName contains invalid characters'] },
          ])
        : jsonResponse(
            { statusCode: 409, code: 'EMAIL_TAKEN', message: 'An account with this email already exists' },
            409,
          );
    });
    const { user } = renderRoute('/signup');
    await user.type(await screen.findByLabelText(/이메일/), 'new@example.com');
    await user.type(screen.getByLabelText(/표시 이름/), 'New Trader');
    await user.type(screen.getByLabelText(/비밀번호/), 'password1');
    await user.click(screen.getByRole('button', { name: '가입하기' }));

    expect(await screen.findByText('password is too common')).toBeInTheDocument();
    expect(screen.getByLabelText(/비밀번호/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText(/표시 이름/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent('입력 내용을 확인해 주세요.');
    expect(bodies[0]).toEqual({
      email: 'new@example.com',
      password: 'password1',
      displayName: 'New Trader',
      locale: 'ko',
    });

    await user.click(screen.getByRole('button', { name: '가입하기' }));
    expect(await screen.findByText('이미 가입된 이메일입니다. 로그인해 주세요.')).toBeInTheDocument();
    expect(screen.getByLabelText(/이메일/)).toHaveAttribute('aria-invalid', 'true');
  });

  it('requires 8 characters of password before asking the API', async () => {
    const fetchMock = mockFetch(() => jsonResponse({}, 500));
    const { user } = renderRoute('/signup');
    await user.type(await screen.findByLabelText(/이메일/), 'new@example.com');
    await user.type(screen.getByLabelText(/비밀번호/), 'short');
    await user.click(screen.getByRole('button', { name: '가입하기' }));
    expect(screen.getByText('비밀번호는 8자 이상이어야 합니다.')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

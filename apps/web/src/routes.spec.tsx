import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TEST_ADMIN, sessionResponse, signInForTest } from './auth/testing';
import { NAV_ITEMS } from './layout/navItems';
import { jsonResponse, mockFetch } from './test/http';
import { renderRoute } from './test/render';

describe('routes', () => {
  it('renders the 404 page for unknown URLs inside the layout', async () => {
    renderRoute('/no-such-page');
    expect(
      await screen.findByRole('heading', { level: 1, name: '페이지를 찾을 수 없습니다' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '홈으로 돌아가기' })).toHaveAttribute('href', '/');
    expect(screen.getByRole('navigation', { name: '주 메뉴' })).toBeInTheDocument();
  });

  it('has a route for every navigation item and marks the current one', async () => {
    // Signed in as an admin so that pages behind RequireAuth / RequireRole (and the staff-only item) render.
    signInForTest();
    mockFetch(
      (request) =>
        sessionResponse(request, TEST_ADMIN) ??
        jsonResponse({ statusCode: 404, code: 'NOT_FOUND', message: 'stub' }, 404),
    );
    for (const item of NAV_ITEMS.filter((i) => i.to !== '/status')) {
      const { unmount } = renderRoute(item.to);
      const heading = await screen.findByRole('heading', { level: 1 });
      expect(heading).not.toHaveTextContent('페이지를 찾을 수 없습니다');
      const nav = screen.getByRole('navigation', { name: '주 메뉴' });
      expect(within(nav).getByRole('link', { current: 'page' })).toHaveAttribute('href', item.to);
      unmount();
    }
  });

  it('opens and closes the mobile menu with its toggle', async () => {
    const { user } = renderRoute('/');
    const toggle = await screen.findByRole('button', { name: '메뉴 열기' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(toggle).toHaveAccessibleName('메뉴 닫기');
    await user.keyboard('{Escape}');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(toggle).toHaveFocus();
  });

  it('closes the mobile menu after navigating', async () => {
    signInForTest();
    mockFetch(
      (request) =>
        sessionResponse(request) ??
        jsonResponse({ statusCode: 404, code: 'NOT_FOUND', message: 'stub' }, 404),
    );
    const { user } = renderRoute('/');
    await user.click(await screen.findByRole('button', { name: '메뉴 열기' }));
    await user.click(screen.getByRole('link', { name: '크레딧' }));
    expect(await screen.findByRole('heading', { level: 1, name: '크레딧' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '메뉴 열기' })).toHaveAttribute('aria-expanded', 'false');
    // Focus moves to the new page's content.
    expect(screen.getByRole('main')).toHaveFocus();
  });
});

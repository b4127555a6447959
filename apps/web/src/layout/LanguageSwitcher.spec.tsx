import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_STORAGE_KEY } from '../i18n';
import { renderRoute } from '../test/render';

describe('language switcher', () => {
  it('starts in Korean', async () => {
    renderRoute('/');
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('실제 시장 데이터로');
    const group = screen.getByRole('group', { name: '언어' });
    expect(within(group).getByRole('button', { name: '한국어' })).toHaveAttribute('aria-pressed', 'true');
    expect(document.documentElement.lang).toBe('ko');
  });

  it('switches visible strings to English and back, and remembers the choice', async () => {
    const { user } = renderRoute('/');
    await screen.findByRole('heading', { level: 1 });
    const nav = screen.getByRole('navigation', { name: '주 메뉴' });
    expect(within(nav).getByRole('link', { name: '백테스트' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'English' }));

    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Test your trading ideas on real market data');
    const enNav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(enNav).getByRole('link', { name: 'Backtest' })).toBeInTheDocument();
    expect(within(enNav).getByRole('link', { name: 'System status' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(document.title).toBe('Stratbench');

    await user.click(screen.getByRole('button', { name: '한국어' }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('실제 시장 데이터로');
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('ko');
  });

  it('translates the page content and the document title, not only the chrome', async () => {
    const { user } = renderRoute('/no-such-page');
    expect(await screen.findByRole('heading', { level: 1, name: '페이지를 찾을 수 없습니다' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByText('The page you are looking for does not exist or has moved.')).toBeInTheDocument();
  });
});

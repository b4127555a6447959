import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, ScrollRestoration, useLocation } from 'react-router-dom';
import { Loading } from '../components';
import { AuthProvider } from '../auth';
import { Header } from './Header';

export function AppLayout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const lastPathname = useRef(pathname);

  // After client-side navigation, move focus to the new content so keyboard and screen-reader users start there.
  useEffect(() => {
    if (lastPathname.current === pathname) return;
    lastPathname.current = pathname;
    mainRef.current?.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <AuthProvider>
      <div className="app">
        <a className="skip-link" href="#main">
          {t('app.skipToContent')}
        </a>
        <Header />
        <main id="main" ref={mainRef} tabIndex={-1} className="main">
          <Suspense fallback={<Loading block label={t('app.loadingPage')} />}>
            <Outlet />
          </Suspense>
        </main>
        <footer className="footer">
          <p>{t('app.footer')}</p>
        </footer>
        <ScrollRestoration />
      </div>
    </AuthProvider>
  );
}

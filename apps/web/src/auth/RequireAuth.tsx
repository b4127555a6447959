import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { ErrorState, LinkButton, Loading } from '../components';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import type { Role } from './AuthProvider';
import { useAuth } from './useAuth';

/** `/login?next=<here>` for the current location. */
export function useLoginRedirect(): string {
  const { pathname, search } = useLocation();
  return `/login?next=${encodeURIComponent(pathname + search)}`;
}

/** Renders its children for signed-in users; sends everyone else to /login?next=… */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const auth = useAuth();
  const loginUrl = useLoginRedirect();
  if (auth.status === 'anonymous') return <Navigate to={loginUrl} replace />;
  if (auth.status === 'error') {
    return (
      <div className="page">
        <ErrorState error={auth.error} onRetry={auth.retry} />
      </div>
    );
  }
  if (auth.status === 'loading') return <Loading block label={t('acctAuth.checkingSession')} />;
  return <>{children}</>;
}

function Forbidden() {
  const { t } = useTranslation();
  useDocumentTitle(t('acctAuth.forbiddenTitle'));
  return (
    <div className="page page--centered">
      <p className="not-found__code" aria-hidden="true">
        403
      </p>
      <h1 className="page__title">{t('acctAuth.forbiddenTitle')}</h1>
      <p className="page__lead">{t('acctAuth.forbiddenBody')}</p>
      <LinkButton to="/">{t('notFound.backHome')}</LinkButton>
    </div>
  );
}

/** Like RequireAuth, and only for the given roles (others get a 403 screen). */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const auth = useAuth();
  return <RequireAuth>{auth.user && roles.includes(auth.user.role) ? children : <Forbidden />}</RequireAuth>;
}

export const STAFF_ROLES: readonly Role[] = ['support', 'admin'];

import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { useAccessToken, useAuth } from '../../auth';
import { Badge, Loading } from '../../components';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import '../account/account.css';

/** The support console shell: its own tabs, then the tab's page. Support and admin only (see routes). */
export default function AdminLayout() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.admin'));
  const auth = useAuth();
  const token = useAccessToken();
  const { pathname } = useLocation();
  // Bull Board is plain Express: `?token=` authenticates once and is swapped for a cookie scoped to the board.
  const boardHref = `/admin/queues${token ? `?token=${encodeURIComponent(token)}` : ''}`;
  return (
    <div className="page admin">
      <div className="page__header admin__header">
        <h1 className="page__title">
          {t('nav.admin')}{' '}
          {auth.user && (
            <Badge tone={auth.isAdmin ? 'danger' : 'info'}>{t(`acctCommon.role.${auth.user.role}`)}</Badge>
          )}
        </h1>
        <p className="page__lead">{t('acctAdmin.lead')}</p>
      </div>
      <nav className="tabs" aria-label={t('acctAdmin.sections')}>
        {/* A Link, not a NavLink: a refund's detail page belongs to the queue tab too. */}
        <Link
          to="/admin"
          className="tabs__link"
          aria-current={pathname === '/admin' || pathname.startsWith('/admin/refunds') ? 'page' : undefined}
        >
          {t('acctAdmin.tabRefunds')}
        </Link>
        <NavLink to="/admin/users" className="tabs__link">
          {t('acctAdmin.tabUsers')}
        </NavLink>
        {auth.isAdmin && (
          <NavLink to="/admin/audit" className="tabs__link">
            {t('acctAdmin.tabAudit')}
          </NavLink>
        )}
        <a href={boardHref} target="_blank" rel="noreferrer" className="tabs__link tabs__link--external">
          {t('acctAdmin.tabQueues')}
          <span aria-hidden="true"> ↗</span>
          <span className="visually-hidden"> {t('acctCommon.newTab')}</span>
        </a>
      </nav>
      <Suspense fallback={<Loading block label={t('app.loadingPage')} />}>
        <Outlet />
      </Suspense>
    </div>
  );
}

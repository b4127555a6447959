import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useAuth, useCreditBalance } from '../auth';
import { buttonClassName } from '../components/Button';
import { useFormat } from '../lib/useFormat';
import './AccountSummary.css';

/** Header slot: credit balance and plan with the account menu when signed in; log in / sign up otherwise. */
export function AccountSummary() {
  const { t } = useTranslation();
  const auth = useAuth();
  const { pathname, search } = useLocation();

  if (auth.status === 'anonymous') {
    const next =
      pathname === '/' || pathname === '/login' || pathname === '/signup'
        ? ''
        : `?next=${encodeURIComponent(pathname + search)}`;
    return (
      <div className="account-actions">
        <Link to={`/login${next}`} className={buttonClassName({ variant: 'ghost', size: 'sm' })}>
          {t('acctMenu.login')}
        </Link>
        <Link to="/signup" className={buttonClassName({ variant: 'primary', size: 'sm' })}>
          {t('acctMenu.signup')}
        </Link>
      </div>
    );
  }
  return (
    <div className="account-actions">
      <Balance />
      <AccountMenu />
    </div>
  );
}

function Balance() {
  const { t } = useTranslation();
  const format = useFormat();
  const { user } = useAuth();
  const balance = useCreditBalance();
  return (
    <Link
      to="/credits"
      className="account account--link"
      aria-label={t('acctMenu.balanceLabel', { credits: format.integer(balance.data) })}
    >
      <span className="account__item">
        <span className="account__label">{t('account.credits')}</span>
        <strong className="account__value num" data-testid="header-credits">
          {format.integer(balance.data)}
        </strong>
      </span>
      <span className="account__divider" aria-hidden="true" />
      <span className="account__item">
        <span className="account__label">{t('account.plan')}</span>
        <strong className="account__value">
          {user ? t(`acctCommon.plan.${user.plan}`) : t('account.unknown')}
        </strong>
      </span>
    </Link>
  );
}

function AccountMenu() {
  const { t } = useTranslation();
  const auth = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return undefined;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onPointer = (e: MouseEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('mousedown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('mousedown', onPointer);
    };
  }, [open]);

  const logout = async () => {
    setOpen(false);
    await auth.logout();
    void navigate('/', { replace: true });
  };

  const name = auth.user?.displayName ?? '…';
  return (
    <div className="account-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="account-menu__toggle"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="account-menu__avatar" aria-hidden="true">
          {name.slice(0, 1).toUpperCase()}
        </span>
        <span className="account-menu__name">{name}</span>
        <span className="visually-hidden">{t('acctMenu.open')}</span>
      </button>
      <div id={menuId} className="account-menu__panel" hidden={!open}>
        {auth.user && (
          <p className="account-menu__who">
            <strong>{auth.user.displayName}</strong>
            <span>{auth.user.email}</span>
            {auth.user.role !== 'trader' && (
              <span className="account-menu__role">{t(`acctCommon.role.${auth.user.role}`)}</span>
            )}
          </p>
        )}
        <ul className="account-menu__list">
          <li>
            <Link to="/credits">{t('acctMenu.credits')}</Link>
          </li>
          <li>
            <Link to="/refunds">{t('acctMenu.refunds')}</Link>
          </li>
          <li>
            <Link to="/settings/api-keys">{t('acctMenu.apiKeys')}</Link>
          </li>
          {auth.isStaff && (
            <li>
              <Link to="/admin">{t('acctMenu.admin')}</Link>
            </li>
          )}
          <li>
            <button type="button" onClick={() => void logout()}>
              {t('acctMenu.logout')}
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
}

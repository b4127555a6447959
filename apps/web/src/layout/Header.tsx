import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation } from 'react-router-dom';
import { useAuth } from '../auth';
import { AccountSummary } from './AccountSummary';
import { LanguageSwitcher } from './LanguageSwitcher';
import { NAV_ITEMS } from './navItems';

const MENU_ID = 'site-menu';

export function Header() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const auth = useAuth();
  const [menuOpen, setMenuOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);

  useEffect(() => setMenuOpen(false), [pathname]);

  useEffect(() => {
    if (!menuOpen) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setMenuOpen(false);
        toggleRef.current?.focus();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [menuOpen]);

  return (
    <header className="header">
      <div className="header__inner">
        <Link to="/" className="brand" aria-label={t('app.homeLink')}>
          <svg className="brand__logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="7" />
            <path d="M6 22l6-7 5 4 9-11" />
          </svg>
          <span className="brand__name">{t('app.name')}</span>
        </Link>

        <button
          ref={toggleRef}
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls={MENU_ID}
          aria-label={menuOpen ? t('nav.closeMenu') : t('nav.openMenu')}
          onClick={() => setMenuOpen((open) => !open)}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            {menuOpen ? <path d="M6 6l12 12M18 6L6 18" /> : <path d="M4 7h16M4 12h16M4 17h16" />}
          </svg>
        </button>

        <div id={MENU_ID} className="header__menu" data-open={menuOpen}>
          <nav className="nav" aria-label={t('nav.label')}>
            <ul className="nav__list">
              {NAV_ITEMS.filter((item) => !('staffOnly' in item) || auth.isStaff).map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} className="nav__link">
                    {t(item.labelKey)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="header__tools">
            <AccountSummary />
            <LanguageSwitcher />
          </div>
        </div>
      </div>
    </header>
  );
}

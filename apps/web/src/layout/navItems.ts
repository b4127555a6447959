/** Primary navigation, in display order. Labels are i18n keys under `nav.*`. */
export const NAV_ITEMS = [
  { to: '/backtest', labelKey: 'nav.backtest' },
  { to: '/history', labelKey: 'nav.history' },
  { to: '/leaderboard', labelKey: 'nav.leaderboard' },
  { to: '/strategies', labelKey: 'nav.strategies' },
  { to: '/data', labelKey: 'nav.data' },
  { to: '/credits', labelKey: 'nav.credits' },
  { to: '/queue', labelKey: 'nav.queue' },
  { to: '/status', labelKey: 'nav.status' },
  // Support and admin only (Header hides it from everyone else).
  { to: '/admin', labelKey: 'nav.admin', staffOnly: true },
] as const;

export type NavLabelKey = (typeof NAV_ITEMS)[number]['labelKey'];

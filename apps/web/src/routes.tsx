import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { AppLayout } from './layout/AppLayout';
import { RouteError } from './layout/RouteError';

// Each page is its own chunk. Pages default-export their component.
const HomePage = lazy(() => import('./pages/HomePage'));
const StatusPage = lazy(() => import('./pages/StatusPage'));
const ComingSoonPage = lazy(() => import('./pages/ComingSoonPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));

export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [
      {
        // Pathless so a failing page keeps the header and navigation.
        errorElement: <RouteError />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'status', element: <StatusPage /> },
          // Placeholders: replace each element with the real page when it lands.
          { path: 'backtest', element: <ComingSoonPage titleKey="nav.backtest" /> },
          { path: 'history', element: <ComingSoonPage titleKey="nav.history" /> },
          { path: 'leaderboard', element: <ComingSoonPage titleKey="nav.leaderboard" /> },
          { path: 'strategies', element: <ComingSoonPage titleKey="nav.strategies" /> },
          { path: 'credits', element: <ComingSoonPage titleKey="nav.credits" /> },
          { path: 'queue', element: <ComingSoonPage titleKey="nav.queue" /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

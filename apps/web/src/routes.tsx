import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequireAuth, RequireRole, STAFF_ROLES } from './auth';
import { AppLayout } from './layout/AppLayout';
import { RouteError } from './layout/RouteError';

// Each page is its own chunk. Pages default-export their component.
const HomePage = lazy(() => import('./pages/HomePage'));
const StatusPage = lazy(() => import('./pages/StatusPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));
const NewBacktestPage = lazy(() => import('./pages/backtest/NewBacktestPage'));
const BacktestRunPage = lazy(() => import('./pages/backtest/BacktestRunPage'));
// Explore: history (+ compare), leaderboard (+ strategy detail), strategies, queue dashboard.
const HistoryPage = lazy(() => import('./pages/explore/history/HistoryPage'));
const ComparePage = lazy(() => import('./pages/explore/history/ComparePage'));
const LeaderboardPage = lazy(() => import('./pages/explore/leaderboard/LeaderboardPage'));
const LeaderboardStrategyPage = lazy(() => import('./pages/explore/leaderboard/LeaderboardStrategyPage'));
const StrategiesPage = lazy(() => import('./pages/explore/strategies/StrategiesPage'));
const StrategyPage = lazy(() => import('./pages/explore/strategies/StrategyPage'));
const QueuePage = lazy(() => import('./pages/explore/queue/QueuePage'));
const MyDataPage = lazy(() => import('./pages/data/MyDataPage'));
// Account & money (auth wrappers are tiny and load with the shell; the pages are lazy).
const LoginPage = lazy(() => import('./pages/account/LoginPage'));
const SignupPage = lazy(() => import('./pages/account/SignupPage'));
const CreditsPage = lazy(() => import('./pages/account/CreditsPage'));
const SandboxCheckoutPage = lazy(() => import('./pages/account/checkout/SandboxCheckoutPage'));
const CheckoutSuccessPage = lazy(() => import('./pages/account/checkout/CheckoutSuccessPage'));
const RefundsPage = lazy(() => import('./pages/account/RefundsPage'));
const ApiKeysPage = lazy(() => import('./pages/account/ApiKeysPage'));
const AdminLayout = lazy(() => import('./pages/admin/AdminLayout'));
const AdminRefundsPage = lazy(() => import('./pages/admin/AdminRefundsPage'));
const AdminRefundDetailPage = lazy(() => import('./pages/admin/AdminRefundDetailPage'));
const AdminUsersPage = lazy(() => import('./pages/admin/AdminUsersPage'));
const AdminUserPage = lazy(() => import('./pages/admin/AdminUserPage'));
const AdminAuditPage = lazy(() => import('./pages/admin/AdminAuditPage'));

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
          {
            path: 'backtest',
            element: (
              <RequireAuth>
                <NewBacktestPage />
              </RequireAuth>
            ),
          },
          {
            path: 'backtests/:id',
            element: (
              <RequireAuth>
                <BacktestRunPage />
              </RequireAuth>
            ),
          },
          {
            path: 'history',
            element: (
              <RequireAuth>
                <HistoryPage />
              </RequireAuth>
            ),
          },
          {
            path: 'history/compare',
            element: (
              <RequireAuth>
                <ComparePage />
              </RequireAuth>
            ),
          },
          // Public: the board needs no sign-in (its detail and copy do).
          { path: 'leaderboard', element: <LeaderboardPage /> },
          {
            path: 'leaderboard/:strategyId',
            element: (
              <RequireAuth>
                <LeaderboardStrategyPage />
              </RequireAuth>
            ),
          },
          {
            path: 'strategies',
            element: (
              <RequireAuth>
                <StrategiesPage />
              </RequireAuth>
            ),
          },
          {
            path: 'strategies/:id',
            element: (
              <RequireAuth>
                <StrategyPage />
              </RequireAuth>
            ),
          },
          {
            path: 'data',
            element: (
              <RequireAuth>
                <MyDataPage />
              </RequireAuth>
            ),
          },
          { path: 'login', element: <LoginPage /> },
          { path: 'signup', element: <SignupPage /> },
          {
            path: 'credits',
            element: (
              <RequireAuth>
                <CreditsPage />
              </RequireAuth>
            ),
          },
          {
            path: 'checkout/sandbox',
            element: (
              <RequireAuth>
                <SandboxCheckoutPage />
              </RequireAuth>
            ),
          },
          {
            path: 'checkout/success',
            element: (
              <RequireAuth>
                <CheckoutSuccessPage />
              </RequireAuth>
            ),
          },
          {
            path: 'refunds',
            element: (
              <RequireAuth>
                <RefundsPage />
              </RequireAuth>
            ),
          },
          {
            path: 'settings/api-keys',
            element: (
              <RequireAuth>
                <ApiKeysPage />
              </RequireAuth>
            ),
          },
          {
            path: 'admin',
            element: (
              <RequireRole roles={STAFF_ROLES}>
                <AdminLayout />
              </RequireRole>
            ),
            children: [
              { index: true, element: <AdminRefundsPage /> },
              { path: 'refunds/:id', element: <AdminRefundDetailPage /> },
              { path: 'users', element: <AdminUsersPage /> },
              { path: 'users/:id', element: <AdminUserPage /> },
              {
                path: 'audit',
                element: (
                  <RequireRole roles={['admin']}>
                    <AdminAuditPage />
                  </RequireRole>
                ),
              },
            ],
          },
          {
            path: 'queue',
            element: (
              <RequireAuth>
                <QueuePage />
              </RequireAuth>
            ),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

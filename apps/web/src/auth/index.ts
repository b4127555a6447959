export {
  AuthProvider,
  ME_QUERY_KEY,
  isStaffRole,
  useAccessToken,
  type AuthContextValue,
  type AuthStatus,
  type Role,
} from './AuthProvider';
export { RequireAuth, RequireRole, STAFF_ROLES, useLoginRedirect } from './RequireAuth';
export { refreshSession, onSessionExpired, type Me } from './session';
export { useAuth } from './useAuth';
export { CREDIT_BALANCE_KEY, useCreditBalance } from './useCreditBalance';

import { useContext } from 'react';
import { AuthContext, type AuthContextValue } from './AuthProvider';

/** The session: `status`, `user` (GET /api/me), `isStaff`, `isAdmin`, `login`, `signup`, `logout`. */
export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth() must be used inside <AuthProvider> (AppLayout renders it)');
  return value;
}

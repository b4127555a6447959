export const ROLES = ['trader', 'support', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PLANS = ['free', 'basic', 'pro'] as const;
export type Plan = (typeof PLANS)[number];

/** Who is calling, as every guarded handler sees it (from a JWT or an API key). */
export interface AuthUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  plan: Plan;
  /** How the caller authenticated; API keys carry their owner's permissions. */
  via: 'jwt' | 'api-key';
}

export const isStaff = (user: Pick<AuthUser, 'role'>) => user.role === 'support' || user.role === 'admin';

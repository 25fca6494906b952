// Who is asking: the signed-in user and how they proved it.
import type { UserRecord } from '@brook/store';

export interface Caller {
  user: UserRecord;
  via: 'session' | 'token';
  /** Hashed id of the session (session callers). */
  sessionId?: string;
  csrfToken?: string;
  tokenId?: string;
}

export const isAdmin = (caller: Caller): boolean => caller.user.role === 'admin';

/** The public face of a user (no password hash). */
export interface UserView {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'maker';
  createdAt: string;
}

export function userView(user: UserRecord): UserView {
  return { id: user.id, email: user.email, name: user.name, role: user.role, createdAt: new Date(user.createdAt).toISOString() };
}

import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { ApiToken, AuthState, Notification, User } from './types';

export const accountKeys = {
  auth: ['auth'] as const,
  notifications: ['notifications'] as const,
  tokens: ['tokens'] as const,
  users: ['users'] as const,
};

export const authApi = {
  state: () => api<AuthState>('GET', '/auth/state', { expectUnauthenticated: true }),
  setup: (body: { email: string; name: string; password: string }) =>
    api<{ user: User; csrfToken: string }>('POST', '/auth/setup', { body, expectUnauthenticated: true }),
  login: (body: { email: string; password: string }) =>
    api<{ user: User; csrfToken: string }>('POST', '/auth/login', { body, expectUnauthenticated: true }),
  logout: () => api<void>('POST', '/auth/logout', { expectUnauthenticated: true }),
};

/** Read every 30 s, and every 5 s while the panel is open (so what arrives shows up there). */
export function useNotifications(open = false) {
  return useQuery({
    queryKey: accountKeys.notifications,
    queryFn: ({ signal }) => api<{ items: Notification[]; unread: number }>('GET', '/notifications', { signal }),
    refetchInterval: open ? 5_000 : 30_000,
  });
}

export const notificationsApi = {
  read: (id: string) => api<void>('POST', `/notifications/${encodeURIComponent(id)}/read`),
  readAll: () => api<void>('POST', '/notifications/read-all'),
};

export function useTokens() {
  return useQuery({
    queryKey: accountKeys.tokens,
    queryFn: ({ signal }) => api<{ items: ApiToken[] } | ApiToken[]>('GET', '/tokens', { signal }).then(listItems),
  });
}

export function useUsers(enabled: boolean) {
  return useQuery({
    queryKey: accountKeys.users,
    enabled,
    queryFn: ({ signal }) => api<{ items: User[] }>('GET', '/users', { signal }).then((r) => r.items),
  });
}

function listItems<T>(answer: { items: T[] } | T[]): T[] {
  return Array.isArray(answer) ? answer : answer.items;
}

export const accountApi = {
  createToken: (name: string) => api<ApiToken>('POST', '/tokens', { body: { name } }),
  deleteToken: (id: string) => api<void>('DELETE', `/tokens/${encodeURIComponent(id)}`),
  createUser: (body: { email: string; name: string; password: string; role: User['role'] }) => api<User>('POST', '/users', { body }),
};

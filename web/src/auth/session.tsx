import { createContext, use, useCallback, useEffect, useMemo, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router';
import { setCsrfToken, setUnauthenticatedHandler } from '../api/client';
import { accountKeys, authApi } from '../api/account';
import type { AuthState, User } from '../api/types';

interface Session {
  state: AuthState | undefined;
  loading: boolean;
  error: unknown;
  user: User | null;
  signedIn: (user: User, csrfToken: string) => void;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = use(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user, for pages that are only shown to one. */
export function useUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const query = useQuery({ queryKey: accountKeys.auth, queryFn: authApi.state, staleTime: Infinity, retry: 1 });

  useEffect(() => setCsrfToken(query.data?.csrfToken ?? null), [query.data?.csrfToken]);

  const here = location.pathname + location.search;
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      queryClient.setQueryData<AuthState>(accountKeys.auth, (old) => ({ needsSetup: old?.needsSetup ?? false, user: null, csrfToken: null }));
      if (!here.startsWith('/sign-in')) void navigate(`/sign-in?next=${encodeURIComponent(here)}`, { replace: true });
    });
    return () => setUnauthenticatedHandler(null);
  }, [queryClient, navigate, here]);

  const signedIn = useCallback(
    (user: User, csrfToken: string) => {
      setCsrfToken(csrfToken);
      queryClient.setQueryData<AuthState>(accountKeys.auth, { needsSetup: false, user, csrfToken });
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData<AuthState>(accountKeys.auth, { needsSetup: false, user: null, csrfToken: null });
      void navigate('/sign-in', { replace: true });
    }
  }, [queryClient, navigate]);

  const value = useMemo<Session>(
    () => ({ state: query.data, loading: query.isPending, error: query.error, user: query.data?.user ?? null, signedIn, signOut }),
    [query.data, query.isPending, query.error, signedIn, signOut],
  );
  return <SessionContext value={value}>{children}</SessionContext>;
}

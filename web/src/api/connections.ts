import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { AuthType, Connection, Connector, DirectoryEntry, RunSummary } from './types';

export const connectionKeys = {
  all: ['connections'] as const,
  failedRuns: (id: string) => ['connections', id, 'failed-runs'] as const,
  connectors: ['connectors'] as const,
  directory: ['users', 'directory'] as const,
};

export function useConnections() {
  return useQuery({
    queryKey: connectionKeys.all,
    queryFn: ({ signal }) => api<{ items: Connection[] }>('GET', '/connections', { signal }).then((r) => r.items),
    // A connection's status and the runs it broke change behind the page's back: read them fresh.
    staleTime: 0,
    refetchOnMount: 'always',
    refetchInterval: 20_000,
  });
}

export function useConnectors() {
  return useQuery({
    queryKey: connectionKeys.connectors,
    queryFn: ({ signal }) => api<{ items: Connector[] }>('GET', '/connectors', { signal }).then((r) => r.items),
    staleTime: 60_000,
  });
}

export function useConnectionFailedRuns(id: string, enabled: boolean) {
  return useQuery({
    queryKey: connectionKeys.failedRuns(id),
    enabled,
    queryFn: ({ signal }) =>
      api<{ items: RunSummary[] }>('GET', `/connections/${encodeURIComponent(id)}/failed-runs`, { signal }).then((r) => r.items),
  });
}

export function useDirectory(enabled = true) {
  return useQuery({
    queryKey: connectionKeys.directory,
    enabled,
    queryFn: ({ signal }) => api<{ items: DirectoryEntry[] }>('GET', '/users/directory', { signal }).then((r) => r.items),
    staleTime: 60_000,
  });
}

const connectionPath = (id: string) => `/connections/${encodeURIComponent(id)}`;

export interface VerifyResult {
  ok: boolean;
  connection: Connection;
  message: string;
}

export const connectionsApi = {
  create: (body: { name: string; connectorId: string; authType?: AuthType; parameters: Record<string, unknown>; secrets: Record<string, string> }) =>
    api<Connection>('POST', '/connections', { body }),
  verify: (id: string, body: { secrets?: Record<string, string>; parameters?: Record<string, unknown> }) =>
    api<VerifyResult>('POST', `${connectionPath(id)}/verify`, { body }),
  startOAuth: (id: string, returnTo: string) => api<{ authorizeUrl: string }>('POST', `${connectionPath(id)}/oauth/start`, { body: { returnTo } }),
  rename: (id: string, name: string) => api<Connection>('PATCH', connectionPath(id), { body: { name } }),
  remove: (id: string) => api<void>('DELETE', connectionPath(id)),
  share: (id: string, userId: string) => api<Connection>('POST', `${connectionPath(id)}/share`, { body: { userId } }),
  unshare: (id: string, userId: string) => api<Connection>('DELETE', `${connectionPath(id)}/share/${encodeURIComponent(userId)}`),
  importConnector: (document: string, name?: string) => api<Connector>('POST', '/connectors/import', { body: name ? { document, name } : { document } }),
};

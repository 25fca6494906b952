import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, queryString } from './client';
import type { ErrorCategory, Job, Run, RunStatus, RunSummary } from './types';

export interface RunFilter {
  flowId?: string;
  status?: RunStatus;
  from?: string;
  to?: string;
  connectionId?: string;
  category?: ErrorCategory;
}

export const runKeys = {
  all: ['runs'] as const,
  list: (filter: RunFilter) => ['runs', 'list', filter] as const,
  detail: (id: string) => ['runs', id] as const,
  job: (id: string) => ['jobs', id] as const,
};

interface RunPage {
  items: RunSummary[];
  nextCursor: string | null;
}

export function useRunList(filter: RunFilter, limit = 50) {
  return useInfiniteQuery({
    queryKey: runKeys.list(filter),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api<RunPage>('GET', `/runs${queryString({ ...filter, cursor: pageParam, limit })}`, { signal }),
    getNextPageParam: (page) => page.nextCursor,
  });
}

export function useRun(id: string) {
  return useQuery({
    queryKey: runKeys.detail(id),
    queryFn: ({ signal }) => api<Run>('GET', `/runs/${encodeURIComponent(id)}`, { signal }),
  });
}

const isFinished = (job: Job | undefined) => job?.status === 'succeeded' || job?.status === 'failed';

/** Polls a background job until it has finished. */
export function useJob(id: string | null) {
  return useQuery({
    queryKey: runKeys.job(id ?? ''),
    enabled: id !== null,
    queryFn: ({ signal }) => api<Job>('GET', `/jobs/${encodeURIComponent(id ?? '')}`, { signal }),
    refetchInterval: (query) => (isFinished(query.state.data) ? false : 700),
  });
}

const runPath = (id: string) => `/runs/${encodeURIComponent(id)}`;

export const runsApi = {
  cancel: (id: string) => api<RunSummary>('POST', `${runPath(id)}/cancel`),
  resubmit: (id: string, fromAction?: string) => api<RunSummary>('POST', `${runPath(id)}/resubmit`, { body: fromAction ? { fromAction } : {} }),
  resubmitMany: (runIds: string[]) => api<Job>('POST', '/runs/resubmit', { body: { runIds } }),
  resubmitForConnection: (connectionId: string, since?: string) =>
    api<Job>('POST', '/runs/resubmit', { body: since ? { connectionId, since } : { connectionId } }),
  cancelMany: (runIds: string[]) => api<Job>('POST', '/runs/cancel', { body: { runIds } }),
};

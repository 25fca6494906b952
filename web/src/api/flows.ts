import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Flow, FlowSummary, Problem, StatsDay, WorkflowDefinition } from './types';

export const flowKeys = {
  all: ['flows'] as const,
  detail: (id: string) => ['flows', id] as const,
  stats: (id: string, days: number) => ['flows', id, 'stats', days] as const,
};

export function useFlows() {
  return useQuery({
    queryKey: flowKeys.all,
    queryFn: ({ signal }) => api<{ items: FlowSummary[] }>('GET', '/flows', { signal }).then((r) => r.items),
  });
}

export function useFlow(id: string) {
  return useQuery({
    queryKey: flowKeys.detail(id),
    queryFn: ({ signal }) => api<Flow>('GET', `/flows/${encodeURIComponent(id)}`, { signal }),
  });
}

export function useFlowStats(id: string, days = 28) {
  return useQuery({
    queryKey: flowKeys.stats(id, days),
    queryFn: ({ signal }) => api<{ days: StatsDay[] }>('GET', `/flows/${encodeURIComponent(id)}/stats?days=${days}`, { signal }).then((r) => r.days),
  });
}

const flowPath = (id: string) => `/flows/${encodeURIComponent(id)}`;

export const flowsApi = {
  create: (body: { name: string; description?: string; definition: WorkflowDefinition }) => api<Flow>('POST', '/flows', { body }),
  update: (id: string, body: { name?: string; description?: string; definition?: WorkflowDefinition; connections?: Record<string, string> }) =>
    api<Flow>('PUT', flowPath(id), { body }),
  remove: (id: string) => api<void>('DELETE', flowPath(id)),
  setEnabled: (id: string, enabled: boolean) => api<Flow>('POST', `${flowPath(id)}/${enabled ? 'enable' : 'disable'}`),
  validate: (definition: unknown) => api<{ problems: Problem[] }>('POST', '/flows/validate', { body: { definition } }),
  importFile: (body: { fileName: string; content: string; encoding?: 'base64' }) =>
    api<{ flow: Flow; warnings: Problem[] }>('POST', '/flows/import', { body }),
  run: (id: string, body: { body?: unknown; headers?: Record<string, string> } = {}) => api<{ runId: string }>('POST', `${flowPath(id)}/run`, { body }),
  regenerateKey: (id: string) => api<Flow>('POST', `${flowPath(id)}/regenerate-key`),
};

import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { accountKeys } from '../api/account';
import { runKeys } from '../api/runs';
import type { ActionRecord, Run, RunSummary } from '../api/types';

const sameRecord = (a: ActionRecord, b: ActionRecord) => a.name === b.name && a.iteration === b.iteration && a.scopePath.join('/') === b.scopePath.join('/');

/** Applies an `action` event to a run: replaces the record it updates, or adds it. */
export function applyActionEvent(run: Run, record: ActionRecord): Run {
  const index = run.actions.findIndex((existing) => sameRecord(existing, record));
  const actions = index === -1 ? [...run.actions, record] : run.actions.map((existing, i) => (i === index ? record : existing));
  return { ...run, actions };
}

export function applyRunEvent(run: Run, summary: RunSummary): Run {
  return { ...run, ...summary };
}

/**
 * Keeps a run in progress up to date from its event stream (SSE /runs/:id/events). If the
 * stream cannot be opened, the page polls instead, so it still updates.
 */
export function useLiveRun(runId: string, inProgress: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!inProgress) return;
    const key = runKeys.detail(runId);
    const update = (change: (run: Run) => Run) => queryClient.setQueryData<Run>(key, (old) => (old ? change(old) : old));
    let poll: ReturnType<typeof setInterval> | null = null;
    const source = new EventSource(`/api/v1/runs/${encodeURIComponent(runId)}/events`, { withCredentials: true });
    source.addEventListener('run', (event) => update((run) => applyRunEvent(run, JSON.parse((event as MessageEvent<string>).data) as RunSummary)));
    source.addEventListener('action', (event) => update((run) => applyActionEvent(run, JSON.parse((event as MessageEvent<string>).data) as ActionRecord)));
    source.addEventListener('end', () => {
      source.close();
      void queryClient.invalidateQueries({ queryKey: key });
      void queryClient.invalidateQueries({ queryKey: ['runs', 'list'] });
      // A run that failed may have told someone (a flow failing, a connection broken).
      void queryClient.invalidateQueries({ queryKey: accountKeys.notifications });
    });
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED && poll === null) {
        poll = setInterval(() => void queryClient.invalidateQueries({ queryKey: key }), 2000);
      }
    };
    return () => {
      source.close();
      if (poll !== null) clearInterval(poll);
    };
  }, [runId, inProgress, queryClient]);
}

/**
 * Keeps run lists fresh: the server streams run changes for everything the user can see
 * (SSE /events); lists and flow summaries are re-read at most twice a second.
 */
export function useRunChanges(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      if (timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        void queryClient.invalidateQueries({ queryKey: ['runs', 'list'] });
        void queryClient.invalidateQueries({ queryKey: ['flows'] });
        void queryClient.invalidateQueries({ queryKey: ['connections'] });
        void queryClient.invalidateQueries({ queryKey: accountKeys.notifications });
      }, 500);
    };
    const source = new EventSource('/api/v1/events', { withCredentials: true });
    source.onmessage = refresh;
    source.addEventListener('run', refresh);
    return () => {
      source.close();
      if (timer !== null) clearTimeout(timer);
    };
  }, [queryClient]);
}

import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useConnections } from '../api/connections';
import { useFlows } from '../api/flows';
import type { RunFilter } from '../api/runs';
import { ERROR_CATEGORIES, type ErrorCategory, type RunStatus } from '../api/types';
import { categoryLabel } from './category';
import { RunTable } from './RunTable';

const STATUSES: RunStatus[] = ['Failed', 'Running', 'Waiting', 'Succeeded', 'Cancelled', 'TimedOut'];
const RANGES = [
  { value: '1h', label: 'Last hour', ms: 3_600_000 },
  { value: '24h', label: 'Last 24 hours', ms: 86_400_000 },
  { value: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { value: '28d', label: 'Last 28 days', ms: 28 * 86_400_000 },
] as const;

/** All runs the user can see, across flows, with filters kept in the address. */
export function RunsPage() {
  const [params, setParams] = useSearchParams();
  const flows = useFlows();
  const connections = useConnections();
  const status = params.get('status') ?? '';
  const range = params.get('range') ?? '';
  const category = params.get('category') ?? '';
  const connectionId = params.get('connectionId') ?? '';
  const flowId = params.get('flowId') ?? '';

  const filter = useMemo<RunFilter>(() => {
    const span = RANGES.find((r) => r.value === range);
    return {
      status: (STATUSES as string[]).includes(status) ? (status as RunStatus) : undefined,
      category: (ERROR_CATEGORIES as readonly string[]).includes(category) ? (category as ErrorCategory) : undefined,
      connectionId: connectionId || undefined,
      flowId: flowId || undefined,
      from: span ? new Date(Date.now() - span.ms).toISOString() : undefined,
    };
  }, [status, range, category, connectionId, flowId]);

  const set = (key: string, value: string) =>
    setParams(
      (old) => {
        const next = new URLSearchParams(old);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const active = [status, range, category, connectionId, flowId].some(Boolean);

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <title>All runs · Brook</title>
          <h1>All runs</h1>
          <p className="subtitle">Every run of the flows you can see. Select runs to resubmit or cancel them together.</p>
        </div>
      </div>
      <form className="card filters" aria-label="Filter runs" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="filter-status">Status</label>
          <select id="filter-status" className="select" value={status} onChange={(e) => set('status', e.target.value)}>
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s === 'TimedOut' ? 'Timed out' : s}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-range">Started</label>
          <select id="filter-range" className="select" value={range} onChange={(e) => set('range', e.target.value)}>
            <option value="">Any time</option>
            {RANGES.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-category">Why it failed</label>
          <select id="filter-category" className="select" value={category} onChange={(e) => set('category', e.target.value)}>
            <option value="">Any reason</option>
            {ERROR_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {categoryLabel(c)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-connection">Connection</label>
          <select id="filter-connection" className="select" value={connectionId} onChange={(e) => set('connectionId', e.target.value)}>
            <option value="">Any connection</option>
            {connections.data?.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-flow">Flow</label>
          <select id="filter-flow" className="select" value={flowId} onChange={(e) => set('flowId', e.target.value)}>
            <option value="">Any flow</option>
            {flows.data?.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </div>
        {active && (
          <div className="field">
            <button type="button" className="button button-ghost" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
              Clear filters
            </button>
          </div>
        )}
      </form>
      <RunTable filter={filter} showFlow emptyText={active ? 'No runs match these filters.' : 'No runs yet.'} />
    </div>
  );
}

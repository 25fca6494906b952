import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { CornerDownRight, RotateCcw, Ban, KeyRound } from 'lucide-react';
import { errorMessage } from '../api/client';
import { runsApi, useRunList, type RunFilter } from '../api/runs';
import type { RunSummary } from '../api/types';
import { formatDuration, plural } from '../lib/format';
import { Empty, ErrorNotice, Loading } from '../ui/Feedback';
import { RunStatusBadge } from '../ui/Status';
import { Time } from '../ui/Time';
import { categoryLabel } from './category';
import { JobProgress } from './JobProgress';
import { useRunChanges } from './live-run';
import '../styles/table.css';
import './runs.css';

const FINISHED = new Set(['Succeeded', 'Failed', 'Cancelled', 'TimedOut', 'Skipped']);
const CANCELLABLE = new Set(['Running', 'Waiting']);

/** Runs, newest first, with multi-select for Resubmit and Cancel (bulk jobs with progress). */
export function RunTable({ filter, showFlow, emptyText }: { filter: RunFilter; showFlow: boolean; emptyText: string }) {
  const runs = useRunList(filter);
  useRunChanges();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [jobId, setJobId] = useState<string | null>(null);
  const [bulkError, setBulkError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const items = useMemo(() => runs.data?.pages.flatMap((page) => page.items) ?? [], [runs.data]);
  const chosen = items.filter((run) => selected.has(run.id));
  const resubmittable = chosen.filter((run) => FINISHED.has(run.status));
  const cancellable = chosen.filter((run) => CANCELLABLE.has(run.status));
  const allChosen = items.length > 0 && chosen.length === items.length;

  const toggle = (id: string) =>
    setSelected((old) => {
      const next = new Set(old);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const startJob = async (kind: 'resubmit' | 'cancel') => {
    setBusy(true);
    setBulkError(null);
    try {
      const ids = (kind === 'resubmit' ? resubmittable : cancellable).map((run) => run.id);
      const job = kind === 'resubmit' ? await runsApi.resubmitMany(ids) : await runsApi.cancelMany(ids);
      setJobId(job.id);
      setSelected(new Set());
    } catch (caught) {
      setBulkError(caught);
    } finally {
      setBusy(false);
    }
  };

  if (runs.isPending) return <Loading label="Loading runs…" />;
  if (runs.isError) return <ErrorNotice title="The runs could not be loaded." error={runs.error} onRetry={() => void runs.refetch()} />;

  return (
    <div className="stack-tight">
      {(chosen.length > 0 || jobId || bulkError !== null) && (
        <div className="bulk-bar card" role="region" aria-label="Selected runs">
          {chosen.length > 0 && (
            <div className="row-between">
              <strong>{plural(chosen.length, 'run')} selected</strong>
              <div className="row">
                <button
                  type="button"
                  className="button button-primary button-small"
                  disabled={busy || resubmittable.length === 0}
                  title={resubmittable.length === 0 ? 'Only finished runs can be resubmitted.' : undefined}
                  onClick={() => void startJob('resubmit')}
                >
                  <RotateCcw size={15} aria-hidden /> Resubmit ({resubmittable.length})
                </button>
                <button
                  type="button"
                  className="button button-small"
                  disabled={busy || cancellable.length === 0}
                  title={cancellable.length === 0 ? 'Only running or waiting runs can be cancelled.' : undefined}
                  onClick={() => void startJob('cancel')}
                >
                  <Ban size={15} aria-hidden /> Cancel ({cancellable.length})
                </button>
                <button type="button" className="button button-ghost button-small" onClick={() => setSelected(new Set())}>
                  Clear selection
                </button>
              </div>
            </div>
          )}
          {bulkError !== null && <ErrorNotice error={new Error(errorMessage(bulkError))} />}
          {jobId && <JobProgress jobId={jobId} onDismiss={() => setJobId(null)} />}
        </div>
      )}

      {items.length > 0 && (
        // At phone width the table's header (with its select-all box) is hidden: the same choice sits here.
        <label className="select-all-narrow small">
          <input type="checkbox" className="checkbox" checked={allChosen} onChange={() => setSelected(allChosen ? new Set() : new Set(items.map((run) => run.id)))} />
          Select all {plural(items.length, 'run')} shown
        </label>
      )}
      {items.length === 0 ? (
        <div className="card">
          <Empty title={emptyText} />
        </div>
      ) : (
        <div className="card table-wrap">
          <table className="table table-stack">
            <caption className="visually-hidden">Runs, newest first</caption>
            <thead>
              <tr>
                <th scope="col" className="cell-check">
                  <input
                    type="checkbox"
                    className="checkbox"
                    aria-label={allChosen ? 'Clear selection' : 'Select all runs shown'}
                    checked={allChosen}
                    onChange={() => setSelected(allChosen ? new Set() : new Set(items.map((run) => run.id)))}
                  />
                </th>
                <th scope="col">Status</th>
                {showFlow && <th scope="col">Flow</th>}
                <th scope="col">Started</th>
                <th scope="col" className="cell-number">
                  Duration
                </th>
                <th scope="col">Why it failed</th>
              </tr>
            </thead>
            <tbody>
              {items.map((run) => (
                <RunRow key={run.id} run={run} showFlow={showFlow} selected={selected.has(run.id)} onToggle={() => toggle(run.id)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {runs.hasNextPage && (
        <div className="row" style={{ justifyContent: 'center' }}>
          <button type="button" className="button" disabled={runs.isFetchingNextPage} onClick={() => void runs.fetchNextPage()}>
            {runs.isFetchingNextPage ? 'Loading…' : 'Show older runs'}
          </button>
        </div>
      )}
    </div>
  );
}

function RunRow({ run, showFlow, selected, onToggle }: { run: RunSummary; showFlow: boolean; selected: boolean; onToggle: () => void }) {
  const at = new Date(run.startedAt);
  const day = at.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
  const time = at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const started = `${day}, ${time}`;
  return (
    <tr aria-selected={selected}>
      <td className="cell-check">
        <input type="checkbox" className="checkbox" checked={selected} onChange={onToggle} aria-label={`Select run of ${run.flowName} started ${started}`} />
      </td>
      <td className="cell-title">
        <Link to={`/runs/${run.id}`} className="run-link" aria-label={`${run.status} run of ${run.flowName}, started ${started}`}>
          <RunStatusBadge status={run.status} compact />
        </Link>
        {run.resubmittedFrom && (
          <span className="small muted resubmit-note">
            <CornerDownRight size={13} aria-hidden /> resubmitted{run.resubmitMode === 'action' ? ' from an action' : ''}
          </span>
        )}
      </td>
      {showFlow && (
        <td data-label="Flow" className="cell-flow">
          <Link to={`/flows/${run.flowId}`} className="break-anywhere">
            {run.flowName}
          </Link>
        </td>
      )}
      <td data-label="Started">
        {/* Day and time wrap as two pieces when the table is short of room. */}
        <Link to={`/runs/${run.id}`} className="primary-link">
          <span className="nowrap">{day},</span> <span className="nowrap">{time}</span>
        </Link>
        <div className="small faint">
          <Time at={run.startedAt} />
        </div>
      </td>
      <td data-label="Duration" className="cell-number">
        {formatDuration(run.durationMs)}
      </td>
      <td data-label="Why it failed" className={run.error || run.resubmittedAs.length > 0 ? 'run-error-cell' : 'run-error-cell cell-empty-narrow'}>
        {run.error && (
          <span className="run-error">
            <span className="category-chip">
              {run.error.category === 'authentication' && <KeyRound size={12} aria-hidden />}
              {categoryLabel(run.error.category)}
            </span>{' '}
            <span className="small">
              {run.failedAction && <strong>{run.failedAction}: </strong>}
              {run.error.message}
            </span>
          </span>
        )}
        {run.resubmittedAs.length > 0 && (
          // A failed run that was resubmitted says so, so the backlog shows what is already handled.
          <span className="small muted resubmitted-as">
            <RotateCcw size={12} aria-hidden /> Resubmitted as <Link to={`/runs/${run.resubmittedAs[run.resubmittedAs.length - 1]}`}>a new run</Link>
          </span>
        )}
        {!run.error && run.resubmittedAs.length === 0 && <span className="faint">—</span>}
      </td>
    </tr>
  );
}

import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Ban, CornerDownRight, RotateCcw } from 'lucide-react';
import { runKeys, runsApi, useRun } from '../api/runs';
import type { Run } from '../api/types';
import { FlowGraph } from '../graph/FlowGraph';
import { overlayFromRecords, recordsOf } from '../graph/run-overlay';
import { formatDateTime, formatDuration } from '../lib/format';
import { ErrorNotice, Loading, Notice } from '../ui/Feedback';
import { RunStatusBadge } from '../ui/Status';
import { Elapsed } from '../ui/Time';
import { ActionDetails } from './ActionDetails';
import { ErrorExplanation } from './ErrorExplanation';
import { shortId } from './JobProgress';
import { useLiveRun } from './live-run';
import './run-page.css';

const IN_PROGRESS = new Set(['Running', 'Waiting']);

export function RunPage() {
  const { runId = '' } = useParams();
  const run = useRun(runId);
  useLiveRun(runId, run.data ? IN_PROGRESS.has(run.data.status) : false);
  if (run.isPending) return <Loading label="Loading the run…" />;
  if (run.isError)
    return (
      <div className="page">
        <ErrorNotice title="This run could not be opened." error={run.error} onRetry={() => void run.refetch()} />
      </div>
    );
  return <RunView key={run.data.id} run={run.data} />;
}

function RunView({ run }: { run: Run }) {
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const overlay = useMemo(() => overlayFromRecords(run.actions), [run.actions]);
  const [selected, setSelected] = useState<string | null>(run.failedAction);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const detailsRef = useRef<HTMLDivElement>(null);
  const resubmittedNotice = (location.state as { resubmittedFrom?: string } | null)?.resubmittedFrom;

  useEffect(() => {
    if (!selected && run.failedAction) setSelected(run.failedAction);
  }, [run.failedAction, selected]);

  const inProgress = IN_PROGRESS.has(run.status);
  const canResubmit = !inProgress;

  const resubmit = async (fromAction?: string) => {
    setBusy(true);
    setActionError(null);
    try {
      const created = await runsApi.resubmit(run.id, fromAction);
      await queryClient.invalidateQueries({ queryKey: runKeys.all });
      await queryClient.invalidateQueries({ queryKey: ['connections'] });
      void navigate(`/runs/${created.id}`, { state: { resubmittedFrom: run.id } });
    } catch (caught) {
      setActionError(caught);
    } finally {
      setBusy(false);
    }
  };

  const cancel = async () => {
    setBusy(true);
    setActionError(null);
    try {
      await runsApi.cancel(run.id);
      await queryClient.invalidateQueries({ queryKey: runKeys.detail(run.id) });
    } catch (caught) {
      setActionError(caught);
    } finally {
      setBusy(false);
    }
  };

  const select = (name: string) => {
    setSelected(name);
    // On a narrow screen the details sit below the graph: bring them into view.
    if (window.matchMedia('(max-width: 1023px)').matches) requestAnimationFrame(() => detailsRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }));
  };

  const records = selected ? recordsOf(run.actions, selected) : [];

  return (
    <div className="page page-wide">
      <div className="page-header">
        <div className="grow">
          <nav className="breadcrumbs" aria-label="Breadcrumbs">
            <Link to="/runs">Runs</Link> <span aria-hidden>›</span> <Link to={`/flows/${run.flowId}`}>{run.flowName}</Link> <span aria-hidden>›</span>
          </nav>
          <div className="row">
            <title>{`${run.status} run of ${run.flowName} · Brook`}</title>
            <h1>Run of {run.flowName}</h1>
            <RunStatusBadge status={run.status} />
          </div>
          <p className="subtitle small">
            Started <span title={formatDateTime(run.startedAt)}>{formatDateTime(run.startedAt)}</span> · {inProgress ? <>running for <Elapsed since={run.startedAt} /></> : formatDuration(run.durationMs)} · version {run.flowVersion} · trigger {run.triggerName} · <span className="mono">{run.id}</span>
          </p>
        </div>
        <div className="row">
          {canResubmit && (
            <button type="button" className={`button ${run.status === 'Succeeded' ? '' : 'button-primary'}`} disabled={busy} onClick={() => void resubmit()}>
              <RotateCcw size={16} aria-hidden /> Resubmit
            </button>
          )}
          {inProgress && (
            <button type="button" className="button" disabled={busy} onClick={() => void cancel()}>
              <Ban size={16} aria-hidden /> Cancel
            </button>
          )}
        </div>
      </div>

      {resubmittedNotice && run.resubmittedFrom === resubmittedNotice && (
        <Notice tone="info" role="status">
          <p>
            Resubmitted. This is the new run, with the same trigger data as <Link to={`/runs/${resubmittedNotice}`}>run {shortId(resubmittedNotice)}</Link>.
          </p>
        </Notice>
      )}
      <Lineage run={run} />
      {actionError !== null && <ErrorNotice error={actionError} />}

      {run.error && (
        <div className="card card-body run-why">
          <ErrorExplanation error={run.error} actionName={run.failedAction} />
        </div>
      )}

      <div className="run-layout">
        <section className="card card-body run-graph" aria-label="Actions">
          <div className="section-title">
            <h2>Actions</h2>
            <span className="small muted">Select an action to see its inputs, outputs and attempts.</span>
          </div>
          <FlowGraph definition={run.definition} overlay={overlay} selected={selected} onSelect={select} label={`Actions of this run of ${run.flowName}`} />
        </section>
        <div ref={detailsRef} className="run-details">
          {selected && records.length > 0 ? (
            <ActionDetails key={selected} records={records} runErrorCode={run.error?.code ?? null} busy={busy} canResubmit={canResubmit} onResubmitFrom={(name) => void resubmit(name)} onClose={() => setSelected(null)} />
          ) : selected ? (
            <div className="card card-body stack-tight">
              <h2>{selected}</h2>
              <p className="muted">{inProgress ? 'This action has not started yet.' : 'This action did not run in this run.'}</p>
            </div>
          ) : (
            <RunData run={run} />
          )}
        </div>
      </div>
    </div>
  );
}

function Lineage({ run }: { run: Run }) {
  if (!run.resubmittedFrom && run.resubmittedAs.length === 0) return null;
  return (
    <div className="lineage small">
      {run.resubmittedFrom && (
        <span className="row">
          <CornerDownRight size={14} aria-hidden /> Resubmitted {run.resubmitMode === 'action' ? 'from an action ' : ''}from <Link to={`/runs/${run.resubmittedFrom}`}>run {shortId(run.resubmittedFrom)}</Link>
        </span>
      )}
      {run.resubmittedAs.length > 0 && (
        <span className="row">
          <RotateCcw size={14} aria-hidden /> Resubmitted as{' '}
          {run.resubmittedAs.map((id, index) => (
            <span key={id}>
              {index > 0 && ', '}
              <Link to={`/runs/${id}`}>run {shortId(id)}</Link>
            </span>
          ))}
        </span>
      )}
    </div>
  );
}

function RunData({ run }: { run: Run }) {
  return (
    <div className="card card-body stack">
      <h2>Trigger data</h2>
      <pre className="json-block" tabIndex={0} aria-label="Trigger outputs">
        {JSON.stringify(run.triggerOutputs, null, 2) ?? '—'}
      </pre>
      {run.response && (
        <>
          <h2>Response</h2>
          <p className="small">HTTP {run.response.statusCode}</p>
          <pre className="json-block" tabIndex={0} aria-label="Response body">
            {JSON.stringify(run.response.body, null, 2) ?? '—'}
          </pre>
        </>
      )}
      {Object.keys(run.outputs).length > 0 && (
        <>
          <h2>Outputs</h2>
          <pre className="json-block" tabIndex={0} aria-label="Run outputs">
            {JSON.stringify(run.outputs, null, 2)}
          </pre>
        </>
      )}
    </div>
  );
}

import { useId, useState } from 'react';
import { Link } from 'react-router';
import { Plug, RotateCcw, X } from 'lucide-react';
import type { ActionRecord } from '../api/types';
import { formatDateTime, formatDuration } from '../lib/format';
import { JsonBlock } from '../ui/JsonBlock';
import { RunStatusBadge, runStatusLook } from '../ui/Status';
import { ErrorExplanation } from './ErrorExplanation';

interface ActionDetailsProps {
  records: ActionRecord[];
  /** The run's own error: when this action's error is the same, the steps are not repeated. */
  runErrorCode: string | null;
  busy: boolean;
  canResubmit: boolean;
  onResubmitFrom: (name: string) => void;
  onClose: () => void;
}

/** One action of a run: status, its classified error and remedy, attempts, inputs and outputs. */
export function ActionDetails({ records, runErrorCode, busy, canResubmit, onResubmitFrom, onClose }: ActionDetailsProps) {
  const firstFailed = records.findIndex((r) => r.status === 'Failed');
  const [index, setIndex] = useState(firstFailed === -1 ? records.length - 1 : firstFailed);
  const record = records[Math.min(index, records.length - 1)] ?? records[0];
  const iterationId = useId();
  const reasonId = useId();
  if (!record) return null;

  const blockedReason = !canResubmit ? 'The run is still in progress.' : record.canResubmitFrom ? null : (record.resubmitFromBlockedReason ?? 'Brook cannot resubmit from this action.');

  return (
    <section className="card card-body stack" aria-labelledby={`${iterationId}-title`}>
      <div className="row-between">
        <div className="grow">
          <h2 id={`${iterationId}-title`}>{record.name}</h2>
          <p className="small muted">
            {record.type}
            {record.scopePath.length > 0 && ` · inside ${record.scopePath.join(' › ')}`}
          </p>
        </div>
        <button type="button" className="icon-button" style={{ color: 'var(--text-muted)' }} aria-label="Close action details" onClick={onClose}>
          <X size={18} aria-hidden />
        </button>
      </div>

      {records.length > 1 && (
        <div className="field">
          <label htmlFor={iterationId}>Iteration</label>
          <select id={iterationId} className="select" value={index} onChange={(e) => setIndex(Number(e.target.value))}>
            {records.map((r, i) => (
              <option key={i} value={i}>
                {r.iteration === null ? `Record ${i + 1}` : `Iteration ${r.iteration + 1}`} · {runStatusLook(r.status).label}
              </option>
            ))}
          </select>
        </div>
      )}

      <dl className="details-grid">
        <dt>Status</dt>
        <dd>
          <RunStatusBadge status={record.status} compact />
          {record.code && <span className="small muted mono"> {record.code}</span>}
        </dd>
        <dt>Started</dt>
        <dd>{formatDateTime(record.startedAt)}</dd>
        <dt>Duration</dt>
        <dd>{record.status === 'Skipped' ? 'did not run' : formatDuration(record.durationMs)}</dd>
        {record.connectionId && (
          <>
            <dt>Connection</dt>
            <dd className="row">
              <Plug size={14} aria-hidden />
              <span>{record.connectionName ?? record.connectionId}</span>
              <Link to={`/settings/connections?focus=${encodeURIComponent(record.connectionId)}`} className="small">
                {record.status === 'Failed' ? 'Fix the connection' : 'Open'}
              </Link>
            </dd>
          </>
        )}
      </dl>
      {record.resubmitted && <p className="small muted">Copied from the original run: this action had succeeded there, so it was not run again.</p>}

      {record.error && <ErrorExplanation error={record.error} headingLevel={3} compact={record.error.code === runErrorCode && record.status === 'Failed'} />}

      <div className="stack-tight">
        <button type="button" className="button" disabled={busy || blockedReason !== null} aria-describedby={blockedReason ? reasonId : undefined} onClick={() => onResubmitFrom(record.name)}>
          <RotateCcw size={15} aria-hidden /> Resubmit from this action
        </button>
        {blockedReason && (
          <p id={reasonId} className="blocked-reason">
            {blockedReason}
          </p>
        )}
      </div>

      {record.attempts.length > 0 && (
        <div className="stack-tight">
          <h3>Attempts</h3>
          <div className="table-wrap">
            <table className="attempts">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Result</th>
                  <th scope="col">Took</th>
                </tr>
              </thead>
              <tbody>
                {record.attempts.map((attempt, i) => (
                  <tr key={i}>
                    <td>{i + 1}</td>
                    <td>
                      {attempt.status}
                      {attempt.code ? <span className="muted mono"> {attempt.code}</span> : null}
                      {attempt.error && <div className="small muted">{attempt.error.message}</div>}
                    </td>
                    <td className="nowrap">{formatDuration(Date.parse(attempt.endedAt) - Date.parse(attempt.startedAt))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}

      <div className="stack-tight">
        <h3>Inputs</h3>
        <JsonBlock value={record.inputs} label="Inputs" />
      </div>
      <div className="stack-tight">
        <h3>Outputs</h3>
        <JsonBlock value={record.outputs} label="Outputs" />
      </div>
    </section>
  );
}

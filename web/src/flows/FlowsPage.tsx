import { useState } from 'react';
import { Link } from 'react-router';
import { FileUp, Plus, Power, PowerOff, Workflow } from 'lucide-react';
import { useFlows } from '../api/flows';
import type { FlowSummary } from '../api/types';
import { Empty, ErrorNotice, Loading } from '../ui/Feedback';
import { RunStatusBadge } from '../ui/Status';
import { Time } from '../ui/Time';
import { ImportDialog } from './ImportDialog';
import { NewFlowDialog } from './NewFlowDialog';
import { triggerLabel } from './trigger-label';
import { useRunChanges } from '../runs/live-run';
import '../styles/table.css';
import './flows.css';

export function FlowsPage() {
  const flows = useFlows();
  useRunChanges();
  const [dialog, setDialog] = useState<'import' | 'new' | null>(null);

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <title>Flows · Brook</title>
          <h1>Flows</h1>
          <p className="subtitle">Everything you own or that is shared with you.</p>
        </div>
        <div className="row">
          <button type="button" className="button" onClick={() => setDialog('import')}>
            <FileUp size={16} aria-hidden /> Import
          </button>
          <button type="button" className="button button-primary" onClick={() => setDialog('new')}>
            <Plus size={16} aria-hidden /> New flow
          </button>
        </div>
      </div>

      {flows.isPending ? (
        <Loading label="Loading flows…" />
      ) : flows.isError ? (
        <ErrorNotice title="The flows could not be loaded." error={flows.error} onRetry={() => void flows.refetch()} />
      ) : flows.data.length === 0 ? (
        <div className="card">
          <Empty icon={<Workflow size={30} aria-hidden />} title="No flows yet">
            <p>Create one, or import a definition file or a Power Automate package.</p>
          </Empty>
        </div>
      ) : (
        <div className="card table-wrap">
          <FlowsTable flows={flows.data} />
        </div>
      )}

      <ImportDialog open={dialog === 'import'} onClose={() => setDialog(null)} />
      <NewFlowDialog open={dialog === 'new'} onClose={() => setDialog(null)} />
    </div>
  );
}

function FlowsTable({ flows }: { flows: FlowSummary[] }) {
  return (
    <table className="table table-stack">
      <caption className="visually-hidden">Your flows</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">State</th>
          <th scope="col">Last run</th>
          <th scope="col" className="cell-number">
            Failures, 7 days
          </th>
          <th scope="col">Owner</th>
        </tr>
      </thead>
      <tbody>
        {flows.map((flow) => (
          <tr key={flow.id}>
            <td className="cell-title cell-name">
              <Link className="primary-link" to={`/flows/${flow.id}`}>
                {flow.name}
              </Link>
              <div className="small muted">
                {triggerLabel(flow.triggerType)}
                {flow.description ? ` · ${flow.description}` : ''}
              </div>
            </td>
            <td data-label="State">
              <FlowState enabled={flow.enabled} />
            </td>
            <td data-label="Last run">
              {flow.lastRun ? (
                <Link to={`/runs/${flow.lastRun.id}`} className="row last-run-link" aria-label={`Last run: ${flow.lastRun.status}`}>
                  <RunStatusBadge status={flow.lastRun.status} compact />
                  <span className="small muted">
                    <Time at={flow.lastRun.startedAt} />
                  </span>
                </Link>
              ) : (
                <span className="faint small">No runs yet</span>
              )}
            </td>
            <td data-label="Failures, 7 days" className="cell-number">
              <FailureCount failures={flow.failuresLast7Days} runs={flow.runsLast7Days} />
            </td>
            <td data-label="Owner" className="small">
              {flow.owner.name}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function FlowState({ enabled }: { enabled: boolean }) {
  return enabled ? (
    <span className="status status-ok status-compact">
      <Power size={13} aria-hidden /> On
    </span>
  ) : (
    <span className="status status-idle status-compact">
      <PowerOff size={13} aria-hidden /> Off
    </span>
  );
}

function FailureCount({ failures, runs }: { failures: number; runs: number }) {
  if (runs === 0) return <span className="faint">—</span>;
  return (
    <span className={failures > 0 ? 'failure-count failure-count-bad' : 'failure-count'} title={`${failures} of ${runs} runs failed in the last 7 days`}>
      <strong>{failures}</strong>
      <span className="muted small"> of {runs}</span>
    </span>
  );
}

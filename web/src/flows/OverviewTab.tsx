import { useState } from 'react';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { CalendarClock, Plug, TriangleExclamationPoint, Webhook } from 'lucide-react';
import { useConnections } from '../api/connections';
import { flowKeys, flowsApi, useFlowStats } from '../api/flows';
import type { Flow, TriggerInfo } from '../api/types';
import { FlowGraph } from '../graph/FlowGraph';
import { CopyButton } from '../ui/CopyButton';
import { ErrorNotice, Loading } from '../ui/Feedback';
import { Time } from '../ui/Time';
import { RunsChart } from './RunsChart';
import { triggerLabel } from './trigger-label';

export function OverviewTab({ flow }: { flow: Flow }) {
  const stats = useFlowStats(flow.id, 28);
  return (
    <div className="overview-grid">
      <section className="card card-body stack" aria-labelledby="trigger-heading">
        <h2 id="trigger-heading">How it starts</h2>
        {flow.triggers.length === 0 ? <p className="muted">This flow has no trigger: start it with Run now.</p> : flow.triggers.map((trigger) => <TriggerDetails key={trigger.name} trigger={trigger} />)}
        <dl className="flow-summary">
          <div>
            <dt>Version</dt>
            <dd>
              {flow.version} · changed <Time at={flow.updatedAt} />
            </dd>
          </div>
          <div>
            <dt>Owner</dt>
            <dd>
              {flow.owner.name}
              {flow.coOwners.length > 0 && `, with ${flow.coOwners.map((c) => c.name).join(', ')}`}
            </dd>
          </div>
          <div>
            <dt>Last 7 days</dt>
            <dd>
              {flow.runsLast7Days} runs,{' '}
              <span className={flow.failuresLast7Days > 0 ? 'tone-bad' : undefined}>
                <strong>{flow.failuresLast7Days}</strong> failed
              </span>
            </dd>
          </div>
        </dl>
      </section>

      <ConnectionsUsed flow={flow} />

      <section className="card card-body stack-tight" aria-labelledby="chart-heading">
        <div className="section-title">
          <h2 id="chart-heading">Runs in the last 28 days</h2>
          <Link to={`/flows/${flow.id}/runs`} className="small">
            Run history
          </Link>
        </div>
        {stats.isPending ? <Loading /> : stats.isError ? <ErrorNotice error={stats.error} onRetry={() => void stats.refetch()} /> : <RunsChart days={stats.data} />}
      </section>

      <section className="card card-body stack-tight" aria-labelledby="graph-heading">
        <div className="section-title">
          <h2 id="graph-heading">What it does</h2>
          <Link to={`/flows/${flow.id}/definition`} className="small">
            Edit the definition
          </Link>
        </div>
        <FlowGraph definition={flow.definition} label={`Graph of ${flow.name}`} />
      </section>
    </div>
  );
}

function TriggerDetails({ trigger }: { trigger: TriggerInfo }) {
  const isSchedule = trigger.type.toLowerCase() === 'recurrence';
  return (
    <div className="stack-tight">
      <div className="row">
        {isSchedule ? <CalendarClock size={17} aria-hidden /> : <Webhook size={17} aria-hidden />}
        <strong>{trigger.name}</strong>
        <span className="muted small">{triggerLabel(trigger.type)}</span>
      </div>
      {trigger.callbackUrl && (
        <div className="field">
          <span className="label" id={`url-${trigger.name}`}>
            {trigger.method ? `${trigger.method} ` : 'Any method to '}this URL starts a run
          </span>
          <div className="trigger-url">
            <code aria-labelledby={`url-${trigger.name}`} tabIndex={0}>
              {trigger.callbackUrl}
            </code>
            <CopyButton text={trigger.callbackUrl} label="Copy URL" />
          </div>
          <span className="hint">The URL carries its own key: share it only with who should start this flow.</span>
        </div>
      )}
      {isSchedule && (
        <p className="small">
          Next run: {trigger.nextRunAt ? <Time at={trigger.nextRunAt} /> : <span className="muted">not scheduled (the flow is off)</span>}
        </p>
      )}
    </div>
  );
}

function ConnectionsUsed({ flow }: { flow: Flow }) {
  const connections = useConnections();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState<string | null>(null);
  if (flow.connectionReferences.length === 0) return null;

  // Each reference of the definition ($connections key) is mapped to one of your connections.
  const map = async (reference: string, connectionId: string) => {
    setSaving(reference);
    setError(null);
    try {
      const updated = await flowsApi.update(flow.id, { connections: { [reference]: connectionId } });
      queryClient.setQueryData(flowKeys.detail(flow.id), updated);
      await queryClient.invalidateQueries({ queryKey: flowKeys.all });
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(null);
    }
  };

  return (
    <section className="card card-body stack-tight" aria-labelledby="connections-heading">
      <h2 id="connections-heading">Connections it uses</h2>
      {error !== null && <ErrorNotice title="The connection was not changed." error={error} />}
      <ul className="plain-list reference-list">
        {flow.connectionReferences.map((reference) => {
          const choices = connections.data?.filter((c) => !reference.connectorId || c.connectorId === reference.connectorId) ?? [];
          const selectId = `reference-${reference.name}`;
          return (
            <li key={reference.name} className="reference-row">
              <Plug size={15} aria-hidden />
              <label htmlFor={selectId} className="reference-name">
                <code>{reference.name}</code>
              </label>
              <select
                id={selectId}
                className="select reference-select"
                value={reference.connectionId ?? ''}
                disabled={saving === reference.name}
                aria-describedby={reference.connectionId ? undefined : `${selectId}-missing`}
                onChange={(event) => void map(reference.name, event.target.value)}
              >
                {!reference.connectionId && <option value="">Choose a connection…</option>}
                {choices.map((connection) => (
                  <option key={connection.id} value={connection.id}>
                    {connection.name}
                    {connection.status === 'connected' ? '' : ' (needs attention)'}
                  </option>
                ))}
              </select>
              {reference.connectionId ? (
                <Link to={`/settings/connections?focus=${encodeURIComponent(reference.connectionId)}`} className="small">
                  Open
                </Link>
              ) : (
                <span id={`${selectId}-missing`} className="tone-bad small">
                  <TriangleExclamationPoint size={14} aria-hidden className="inline-icon" /> Not set: actions using it fail.
                  {choices.length === 0 && (
                    <>
                      {' '}
                      <Link to="/settings/connections">Create a connection{reference.connectorId ? ` for ${reference.connectorId}` : ''}</Link>
                    </>
                  )}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

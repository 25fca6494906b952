import { useState } from 'react';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { EllipsisVertical, KeyRound, RefreshCw, RotateCcw, Share2, Trash, TriangleExclamationPoint } from 'lucide-react';
import { errorMessage } from '../api/client';
import { connectionKeys, connectionsApi } from '../api/connections';
import { runsApi } from '../api/runs';
import type { Connection } from '../api/types';
import { formatSince } from '../lib/format';
import { JobProgress } from '../runs/JobProgress';
import { Notice } from '../ui/Feedback';
import { Menu } from '../ui/Menu';
import { ConnectionStatusBadge } from '../ui/Status';
import { Time } from '../ui/Time';
import { authTypeLabel, brokenSentence } from './auth-type';
import { DeleteConnectionDialog } from './DeleteConnectionDialog';
import { FixLink } from './FixLink';
import { fixLabel } from './fix-label';
import { ShareDialog } from './ShareDialog';

export function ConnectionCard({ connection, focused }: { connection: Connection; focused: boolean }) {
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<'share' | 'delete' | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'ok' | 'bad'; text: string } | null>(null);
  const headingId = `connection-${connection.id}-name`;
  const { broken } = connection;
  const since = broken.since ? ` since ${formatSince(broken.since)}` : '';

  const checkNow = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const result = await connectionsApi.verify(connection.id, {});
      setMessage({ tone: result.ok ? 'ok' : 'bad', text: result.message });
    } catch (caught) {
      setMessage({ tone: 'bad', text: errorMessage(caught) });
    } finally {
      setBusy(false);
      await queryClient.invalidateQueries({ queryKey: connectionKeys.all });
    }
  };

  const resubmitAffected = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const job = await runsApi.resubmitForConnection(connection.id);
      setJobId(job.id);
    } catch (caught) {
      setMessage({ tone: 'bad', text: errorMessage(caught) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <article id={`connection-${connection.id}`} className={`card connection-card status-${connection.status}${focused ? ' connection-focused' : ''}`} aria-labelledby={headingId}>
      <div className="connection-head">
        <div className="grow">
          <h2 id={headingId} tabIndex={-1}>
            {connection.name}
          </h2>
          <p className="small muted">
            {connection.connectorName} · {authTypeLabel(connection.authType)}
          </p>
        </div>
        <ConnectionStatusBadge status={connection.status} />
        <Menu
          label={`Actions for ${connection.name}`}
          triggerClassName="button button-ghost button-small"
          trigger={<EllipsisVertical size={17} aria-hidden />}
          entries={[
            { kind: 'action', label: 'Check now', icon: <RefreshCw size={16} aria-hidden />, onSelect: () => void checkNow() },
            ...(connection.canEdit
              ? ([
                  { kind: 'action', label: 'Share', icon: <Share2 size={16} aria-hidden />, onSelect: () => setDialog('share') },
                  { kind: 'separator' },
                  { kind: 'action', label: 'Delete', icon: <Trash size={16} aria-hidden />, onSelect: () => setDialog('delete') },
                ] as const)
              : []),
          ]}
        />
      </div>

      {connection.status === 'unauthenticated' && (
        <div className="connection-alert connection-alert-bad" role="group" aria-label="Not authenticated">
          <KeyRound size={18} aria-hidden />
          <div className="stack-tight grow">
            <p>
              <strong>This connection is not authenticated.</strong> {reasonWithoutFix(connection) ?? 'The service rejected its credentials.'}{' '}
              <FixLink connection={connection} />
            </p>
            {broken.runs > 0 && <BrokenRuns connection={connection} since={since} />}
          </div>
        </div>
      )}
      {connection.status === 'error' && (
        <div className="connection-alert connection-alert-warn" role="group" aria-label="Connection problem">
          <TriangleExclamationPoint size={18} aria-hidden />
          <div className="stack-tight grow">
            <p>
              <strong>This connection has a problem.</strong> {reasonWithoutFix(connection) ?? 'The last check failed.'}{' '}
              {connection.canEdit && <FixLink connection={connection} />}
            </p>
            {broken.runs > 0 && <BrokenRuns connection={connection} since={since} />}
          </div>
        </div>
      )}
      {connection.status === 'connected' && broken.runs > 0 && !jobId && (
        <div className="connection-alert connection-alert-info" role="group" aria-label="Affected runs">
          <RotateCcw size={18} aria-hidden />
          <div className="stack-tight grow">
            <p>
              {brokenSentence(broken.runs, broken.flows)}
              {since}. The connection works now.
            </p>
            <div className="row">
              <button type="button" className="button button-primary" disabled={busy} onClick={() => void resubmitAffected()}>
                Resubmit the {broken.runs} affected {broken.runs === 1 ? 'run' : 'runs'}
              </button>
              <Link to={`/runs?connectionId=${encodeURIComponent(connection.id)}&status=Failed`} className="small">
                Choose which runs
              </Link>
            </div>
          </div>
        </div>
      )}
      {jobId && <JobProgress jobId={jobId} onDismiss={() => setJobId(null)} />}
      {message && (
        <Notice tone={message.tone} role={message.tone === 'bad' ? 'alert' : 'status'}>
          {message.text}
        </Notice>
      )}

      <dl className="connection-meta">
        <div>
          <dt>Owner</dt>
          <dd>{connection.owner.name}</dd>
        </div>
        <div>
          <dt>Last check</dt>
          <dd>
            <Time at={connection.lastCheckedAt} />
          </dd>
        </div>
        <div>
          <dt>Last worked</dt>
          <dd>
            <Time at={connection.lastSuccessAt} />
          </dd>
        </div>
        {connection.tokenExpiresAt && (
          <div>
            <dt>Token renews</dt>
            <dd>
              <Time at={connection.tokenExpiresAt} />
            </dd>
          </div>
        )}
        {connection.sharedWith.length > 0 && (
          <div>
            <dt>Shared with</dt>
            <dd>{connection.sharedWith.map((person) => person.name).join(', ')}</dd>
          </div>
        )}
      </dl>

      <ShareDialog open={dialog === 'share'} connection={connection} onClose={() => setDialog(null)} />
      <DeleteConnectionDialog open={dialog === 'delete'} connection={connection} onClose={() => setDialog(null)} />
    </article>
  );
}

/** The status reason without a closing "Verify password." when the link beside it says so. */
function reasonWithoutFix(connection: Connection): string | null {
  const reason = connection.statusReason?.trim();
  if (!reason) return null;
  const fix = `${fixLabel(connection.fixAction)}.`;
  return reason.toLowerCase().endsWith(fix.toLowerCase()) ? reason.slice(0, -fix.length).trim() || null : reason;
}

function BrokenRuns({ connection, since }: { connection: Connection; since: string }) {
  return (
    <p className="small">
      {brokenSentence(connection.broken.runs, connection.broken.flows)}
      {since}. <Link to={`/runs?connectionId=${encodeURIComponent(connection.id)}&status=Failed`}>See the runs</Link>
    </p>
  );
}

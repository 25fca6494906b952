import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Plug, Plus } from 'lucide-react';
import { useConnections, useConnectors } from '../api/connections';
import { useRunChanges } from '../runs/live-run';
import type { Connection } from '../api/types';
import { Empty, ErrorNotice, Loading, Notice } from '../ui/Feedback';
import { plural } from '../lib/format';
import { ConnectionCard } from './ConnectionCard';
import { CreateConnectionDialog } from './CreateConnectionDialog';
import { VerifyDialog } from './VerifyDialog';
import './connections.css';

/**
 * Settings › Connections: every connection with its status; a broken one says so, with the
 * link that repairs it, the runs it broke and, once repaired, the resubmit of those runs.
 */
export function ConnectionsPage() {
  const connections = useConnections();
  useRunChanges();
  const connectors = useConnectors();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const focus = params.get('focus');
  const verifyId = params.get('verify');
  const oauth = params.get('oauth');
  const verifying = connections.data?.find((c) => c.id === verifyId) ?? null;

  // Bring the focused connection into view once the list is there (links from runs and notifications).
  const shownFocus = useRef<string | null>(null);
  const loaded = connections.data !== undefined;
  useEffect(() => {
    if (!focus || !loaded || shownFocus.current === focus) return;
    const card = document.getElementById(`connection-${focus}`);
    if (!card) return;
    shownFocus.current = focus;
    card.scrollIntoView({ block: 'center' });
    card.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true });
  }, [focus, loaded]);

  const closeVerify = () => {
    shownFocus.current = verifyId;
    setParams(
      (old) => {
        const next = new URLSearchParams(old);
        next.delete('verify');
        if (verifyId) next.set('focus', verifyId);
        return next;
      },
      { replace: true },
    );
  };

  const broken = connections.data?.filter((c) => c.status !== 'connected') ?? [];

  return (
    <div className="page page-narrow connections-page">
      <div className="page-header">
        <div>
          <nav className="breadcrumbs" aria-label="Breadcrumbs">
            <span>Settings</span> <span aria-hidden>›</span>
          </nav>
          <title>Connections · Brook</title>
          <h1>Connections</h1>
          <p className="subtitle">The credentials your flows use to call services. Secrets are stored encrypted and never shown again.</p>
        </div>
        <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
          <Plus size={16} aria-hidden /> New connection
        </button>
      </div>

      {oauth && <OAuthResult outcome={oauth} reason={params.get('reason')} />}

      {connections.isPending ? (
        <Loading label="Loading connections…" />
      ) : connections.isError ? (
        <ErrorNotice title="The connections could not be loaded." error={connections.error} onRetry={() => void connections.refetch()} />
      ) : connections.data.length === 0 ? (
        <div className="card">
          <Empty icon={<Plug size={30} aria-hidden />} title="No connections yet">
            <p>A connection holds the credentials for one service. Flows refer to it by name.</p>
          </Empty>
        </div>
      ) : (
        <>
          {broken.length > 0 && <AttentionSummary broken={broken} />}
          <ul className="connection-list" aria-label="Connections">
            {connections.data.map((connection) => (
              <li key={connection.id}>
                <ConnectionCard connection={connection} focused={connection.id === focus} />
              </li>
            ))}
          </ul>
        </>
      )}

      <CreateConnectionDialog open={creating} onClose={() => setCreating(false)} />
      <VerifyDialog connection={verifying} connector={connectors.data?.find((c) => c.id === verifying?.connectorId)} onClose={closeVerify} />
    </div>
  );
}

function AttentionSummary({ broken }: { broken: Connection[] }) {
  return (
    <Notice tone="warn" role="status">
      <strong>{plural(broken.length, 'connection needs', 'connections need')} attention:</strong>
      <span>
        {broken.map((connection, index) => (
          <span key={connection.id}>
            {index > 0 && ', '}
            <a href={`#connection-${connection.id}`}>{connection.name}</a>
          </span>
        ))}
      </span>
    </Notice>
  );
}

function OAuthResult({ outcome, reason }: { outcome: string; reason: string | null }) {
  if (outcome === 'connected')
    return (
      <Notice tone="ok" role="status">
        Signed in: the service granted access, and the connection works.
      </Notice>
    );
  return (
    <Notice tone="bad" role="alert">
      The sign-in did not complete{reason ? `: ${reason}` : '.'} Nothing was changed; try Sign in again.
    </Notice>
  );
}

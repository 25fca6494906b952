import { Link } from 'react-router';
import { CircleCheck, KeyRound, TriangleExclamationPoint } from 'lucide-react';
import { useConnections } from '../api/connections';
import type { ClassifiedError, Connection } from '../api/types';
import { categoryLabel, categoryMeaning } from './category';
import { fixLabel } from '../connections/fix-label';
import './error.css';

const CREDENTIAL_CATEGORIES = new Set(['authentication', 'permission']);

/** A classified error in plain words: what happened, what it means, the steps that fix it. */
export function ErrorExplanation({ error, actionName, headingLevel = 2, compact = false }: { error: ClassifiedError; actionName?: string | null; headingLevel?: 2 | 3; compact?: boolean }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="error-explanation" aria-label="Why it failed">
      <div className="row">
        <span className="category-chip">
          <TriangleExclamationPoint size={12} aria-hidden /> {categoryLabel(error.category)}
        </span>
        <span className="small muted mono">
          {error.code}
          {error.status ? ` · HTTP ${error.status}` : ''}
        </span>
      </div>
      <Heading className="error-summary">{error.remedy.summary || error.message}</Heading>
      <p className="small">
        {actionName && <strong>{actionName}: </strong>}
        {error.message}
      </p>
      {!compact && <p className="small muted">{categoryMeaning(error.category)}</p>}
      {error.connectionId && <ConnectionFix connectionId={error.connectionId} connectionName={error.connectionName} category={error.category} />}
      {!compact && error.remedy.steps.length > 0 && (
        <div>
          <p className="small">
            <strong>How to fix it</strong>
          </p>
          <ol className="remedy-steps">
            {error.remedy.steps.map((step, index) => (
              <li key={index}>{step}</li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}

function ConnectionFix({ connectionId, connectionName, category }: { connectionId: string; connectionName: string | undefined; category: ClassifiedError['category'] }) {
  const connections = useConnections();
  const connection: Connection | undefined = connections.data?.find((c) => c.id === connectionId);
  const name = connection?.name ?? connectionName ?? 'the connection';
  const href = `/settings/connections?focus=${encodeURIComponent(connectionId)}`;
  if (connection?.status === 'connected' && CREDENTIAL_CATEGORIES.has(category)) {
    return (
      <div className="connection-fix connection-fix-ok">
        <CircleCheck size={16} aria-hidden />
        <span>
          Connection <Link to={href}>{name}</Link> works again (checked {connection.lastCheckedAt ? new Date(connection.lastCheckedAt).toLocaleTimeString() : 'recently'}). Resubmit the run.
        </span>
      </div>
    );
  }
  const unauthenticated = connection?.status === 'unauthenticated' || (!connection && category === 'authentication');
  return (
    <div className="connection-fix">
      <KeyRound size={16} aria-hidden />
      <span>
        {unauthenticated ? (
          <>
            Connection <strong>{name}</strong> is not authenticated.{' '}
          </>
        ) : (
          <>
            This action used connection <strong>{name}</strong>.{' '}
          </>
        )}
        <Link to={href}>{connection ? fixLabel(connection.fixAction) : 'Fix the connection'}</Link>
      </span>
    </div>
  );
}

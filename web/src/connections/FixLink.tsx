import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { errorMessage } from '../api/client';
import { connectionsApi } from '../api/connections';
import type { Connection } from '../api/types';
import { fixLabel } from './fix-label';

/**
 * The link that repairs a connection. Passwords and keys open the verify dialog (its
 * address is ?verify=ID, so a notification can lead straight there); OAuth2 sign-in goes
 * to the provider's consent page and comes back here.
 */
export function FixLink({ connection }: { connection: Connection }) {
  const [error, setError] = useState<string | null>(null);
  const { pathname } = useLocation();
  if (!connection.canEdit)
    return <span className="small">Only {connection.owner.name} (the owner) or an admin can repair it.</span>;

  if (connection.fixAction === 'sign_in_again') {
    const signIn = async () => {
      setError(null);
      try {
        const { authorizeUrl } = await connectionsApi.startOAuth(connection.id, `/settings/connections?focus=${encodeURIComponent(connection.id)}`);
        window.location.assign(authorizeUrl);
      } catch (caught) {
        setError(errorMessage(caught));
      }
    };
    return (
      <>
        <button type="button" className="link-button" onClick={() => void signIn()}>
          {fixLabel(connection.fixAction)}
        </button>
        {error && (
          <span role="alert" className="small">
            {' '}
            {error}
          </span>
        )}
      </>
    );
  }
  // On the Connections page the dialog replaces the address rather than adding one, so that
  // Back after verifying returns to where the person came from (the failed run).
  return (
    <Link to={`/settings/connections?verify=${encodeURIComponent(connection.id)}`} replace={pathname === '/settings/connections'}>
      {fixLabel(connection.fixAction)}
    </Link>
  );
}

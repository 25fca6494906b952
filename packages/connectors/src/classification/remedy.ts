// Remedies for credential failures, in the words of the portal: the gear icon, Settings,
// Connections, the connection's fix link, then Resubmit on the failed run.
import type { Remedy } from '@brook/wdl';
import { assertNever } from '@brook/wdl';
import type { AuthType, FixAction } from '../definitions/types.js';

/** The connection a failed call was made with: enough to name it and say how to fix it. */
export interface ConnectionContext {
  id: string;
  name: string;
  authType: AuthType;
}

export function fixActionFor(authType: AuthType): FixAction {
  switch (authType) {
    case 'basic':
    case 'smtp':
      return 'verify_password';
    case 'oauth2AuthorizationCode':
      return 'sign_in_again';
    case 'apiKey':
    case 'bearer':
    case 'oauth2ClientCredentials':
    case 'none':
      return 'update_credentials';
    default:
      return assertNever(authType, 'auth type');
  }
}

/** The label of the fix link on the Connections page. */
export function fixActionLabel(fix: FixAction): string {
  switch (fix) {
    case 'verify_password':
      return 'Verify password';
    case 'sign_in_again':
      return 'Sign in again';
    case 'update_credentials':
      return 'Update credentials';
    default:
      return assertNever(fix, 'fix action');
  }
}

const OPEN_CONNECTIONS = 'Open Settings (the gear icon), then Connections.';
const RESUBMIT = 'Go back to the failed run and click Resubmit.';

/** What the credential is called, and the step that replaces it. */
function credentialWords(authType: AuthType): { what: string; fixStep: string } {
  switch (authType) {
    case 'basic':
      return { what: 'password', fixStep: 'Click Verify password and enter the new password.' };
    case 'smtp':
      return { what: 'mail server password', fixStep: 'Click Verify password and enter the new password.' };
    case 'oauth2AuthorizationCode':
      return { what: 'sign-in', fixStep: 'Click Sign in again and sign in to the service.' };
    case 'apiKey':
      return { what: 'API key', fixStep: 'Click Update credentials and enter the new API key.' };
    case 'bearer':
      return { what: 'token', fixStep: 'Click Update credentials and enter a new token.' };
    case 'oauth2ClientCredentials':
      return { what: 'client secret', fixStep: 'Click Update credentials and enter the new client ID and secret.' };
    case 'none':
      return { what: 'credentials', fixStep: 'Create a connection with the credentials the service asks for, and choose it in the flow.' };
    default:
      return assertNever(authType, 'auth type');
  }
}

/** 401, "Unauthorized", invalid_grant: the credentials of the connection were rejected. */
export function authenticationRemedy(connection: ConnectionContext): Remedy {
  const { what, fixStep } = credentialWords(connection.authType);
  const summary =
    connection.authType === 'none'
      ? `The service asked for credentials, but connection '${connection.name}' has none.`
      : connection.authType === 'oauth2AuthorizationCode'
        ? `The sign-in of connection '${connection.name}' has expired or was revoked.`
        : `The ${what} of connection '${connection.name}' no longer works.`;
  return {
    summary,
    steps: [OPEN_CONNECTIONS, `Find '${connection.name}' — it says it is not authenticated.`, fixStep, RESUBMIT],
  };
}

/** 403: the connection is signed in but its account may not do this. */
export function permissionRemedy(connection: ConnectionContext): Remedy {
  const label = fixActionLabel(fixActionFor(connection.authType));
  return {
    summary: `Connection '${connection.name}' was refused access to this resource (403 Forbidden).`,
    steps: [
      `Check that the account used by '${connection.name}' may do this in the service; ask the service's administrator for access if not.`,
      `If the connection should use another account: ${OPEN_CONNECTIONS} Find '${connection.name}' and click ${label}.`,
      RESUBMIT,
    ],
  };
}

/** The reason a flagged connection shows on the Connections page. */
export function unauthenticatedReason(connection: ConnectionContext, status: number | undefined, detail: string): string {
  const label = fixActionLabel(fixActionFor(connection.authType));
  const statusText = status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : '';
  const answer = status === undefined ? 'The service rejected its credentials' : `The service answered ${status}${statusText ? ` ${statusText}` : ''}`;
  // A detail that only repeats the status text ("Unauthorized") adds nothing.
  const trimmed = detail.trim().replace(/[.!\s]+$/, '');
  const said = trimmed && trimmed.toLowerCase() !== statusText.toLowerCase() ? `: ${trimmed}` : '';
  return `${answer}${said}. ${label}.`;
}

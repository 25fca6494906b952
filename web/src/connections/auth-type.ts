import type { AuthType } from '../api/types';

export function authTypeLabel(type: AuthType): string {
  switch (type) {
    case 'none':
      return 'No authentication';
    case 'basic':
      return 'User name and password';
    case 'apiKey':
      return 'API key';
    case 'bearer':
      return 'Bearer token';
    case 'oauth2AuthorizationCode':
      return 'OAuth 2.0 sign-in';
    case 'oauth2ClientCredentials':
      return 'OAuth 2.0 client credentials';
    case 'smtp':
      return 'SMTP account';
  }
}

/** A sentence for the run count line: "12 runs of 3 flows failed because of this connection". */
export function brokenSentence(runs: number, flows: number): string {
  return `${runs} ${runs === 1 ? 'run' : 'runs'} of ${flows} ${flows === 1 ? 'flow' : 'flows'} failed because of this connection`;
}

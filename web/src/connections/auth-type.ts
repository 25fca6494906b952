import type { AuthType, Connector, ConnectorParameter } from '../api/types';

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

/** The ways a connector authenticates, each with its parameters; older answers list one. */
export function authOptionsOf(connector: Connector): { authType: AuthType; parameters: ConnectorParameter[] }[] {
  return connector.authOptions && connector.authOptions.length > 0 ? connector.authOptions : [{ authType: connector.authType, parameters: connector.parameters }];
}

/** The parameters a connection of `connector` with `authType` takes. */
export function parametersFor(connector: Connector | undefined, authType: AuthType): ConnectorParameter[] | undefined {
  if (!connector) return undefined;
  return authOptionsOf(connector).find((option) => option.authType === authType)?.parameters ?? (connector.authType === authType ? connector.parameters : undefined);
}

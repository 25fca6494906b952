// The OAuth2 settings of a connection: the connector's document gives defaults, the
// connection may override them (a provider's real token URL, a local test provider).
import type { AuthSpec, ConnectorParameter } from '../../definitions/types.js';
import { stringValue, type CredentialValues } from '../types.js';
import type { ClientAuthentication, TokenClient } from './token-endpoint.js';

export interface OAuth2Settings {
  authorizationUrl?: string;
  tokenUrl: string;
  refreshUrl: string;
  scopes: string[];
  clientId?: string;
  clientSecret?: string;
  clientAuthentication: ClientAuthentication;
  extraAuthorizeParameters?: string;
}

export function splitScopes(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

export function oauth2Settings(spec: AuthSpec, values: CredentialValues): OAuth2Settings {
  const fromSpec = spec.type === 'oauth2AuthorizationCode' || spec.type === 'oauth2ClientCredentials' ? spec : undefined;
  const tokenUrl = stringValue(values, 'tokenUrl') ?? fromSpec?.tokenUrl ?? '';
  const scopesText = stringValue(values, 'scopes');
  const settings: OAuth2Settings = {
    tokenUrl,
    refreshUrl: stringValue(values, 'refreshUrl') ?? (spec.type === 'oauth2AuthorizationCode' ? spec.refreshUrl : undefined) ?? tokenUrl,
    scopes: scopesText !== undefined ? splitScopes(scopesText) : (fromSpec?.scopes ?? []),
    clientAuthentication: stringValue(values, 'clientAuthentication') === 'body' ? 'body' : 'basic',
  };
  const authorizationUrl = stringValue(values, 'authorizationUrl') ?? (spec.type === 'oauth2AuthorizationCode' ? spec.authorizationUrl : undefined);
  if (authorizationUrl) settings.authorizationUrl = authorizationUrl;
  const clientId = stringValue(values, 'clientId');
  if (clientId) settings.clientId = clientId;
  const clientSecret = stringValue(values, 'clientSecret');
  if (clientSecret) settings.clientSecret = clientSecret;
  const extra = stringValue(values, 'authorizeParameters');
  if (extra) settings.extraAuthorizeParameters = extra;
  return settings;
}

export function tokenClient(settings: OAuth2Settings, url: string = settings.tokenUrl): TokenClient {
  const client: TokenClient = { tokenUrl: url, clientId: settings.clientId ?? '', authentication: settings.clientAuthentication };
  if (settings.clientSecret) client.clientSecret = settings.clientSecret;
  return client;
}

/** Parameters both OAuth2 schemes share. */
export function oauth2Parameters(spec: AuthSpec, options: { secretRequired: boolean; withAuthorize: boolean }): ConnectorParameter[] {
  const fromSpec = spec.type === 'oauth2AuthorizationCode' || spec.type === 'oauth2ClientCredentials' ? spec : undefined;
  const parameters: ConnectorParameter[] = [
    { name: 'clientId', label: 'Client ID', secret: false, required: true, description: 'The client (application) ID registered with the provider.' },
    {
      name: 'clientSecret',
      label: 'Client secret',
      secret: true,
      required: options.secretRequired,
      description: options.secretRequired ? 'The client secret registered with the provider.' : 'Leave empty for a public client (PKCE only).',
    },
    { name: 'scopes', label: 'Scopes', secret: false, required: false, default: (fromSpec?.scopes ?? []).join(' '), description: 'Separated by spaces.' },
  ];
  if (options.withAuthorize) {
    const authorizationUrl = spec.type === 'oauth2AuthorizationCode' ? spec.authorizationUrl : '';
    parameters.push({ name: 'authorizationUrl', label: 'Authorization URL', secret: false, required: !authorizationUrl, ...(authorizationUrl ? { default: authorizationUrl } : {}) });
  }
  const tokenUrl = fromSpec?.tokenUrl ?? '';
  parameters.push({ name: 'tokenUrl', label: 'Token URL', secret: false, required: !tokenUrl, ...(tokenUrl ? { default: tokenUrl } : {}) });
  parameters.push({
    name: 'clientAuthentication',
    label: 'Send client credentials',
    secret: false,
    required: false,
    default: 'basic',
    options: ['basic', 'body'],
    description: 'basic: HTTP Basic header (client_secret_basic); body: form fields (client_secret_post).',
  });
  if (options.withAuthorize) {
    parameters.push({ name: 'authorizeParameters', label: 'Extra authorization parameters', secret: false, required: false, description: 'Added to the sign-in URL, e.g. access_type=offline&prompt=consent.' });
  }
  return parameters;
}

// The connector's auth scheme, from securityDefinitions (2.0) or components.securitySchemes
// (3.x): the scheme the top-level `security` names first, else the first one an operation
// names, else the first one defined.
import type { AuthSpec } from '../definitions/types.js';
import { splitScopes } from '../auth/oauth2/settings.js';
import { isObject, pointer, text, type Json } from './problems.js';
import type { OpenApiDocument } from './parse-document.js';

export interface SecurityChoice {
  auth: AuthSpec;
  /** The name of the scheme in the document, when there is one. */
  schemeName?: string;
}

type Warn = (path: string, message: string) => void;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function firstRequirement(list: unknown): { name: string; scopes: string[] } | undefined {
  if (!Array.isArray(list)) return undefined;
  for (const requirement of list) {
    if (!isObject(requirement)) continue;
    const [name, scopes] = Object.entries(requirement)[0] ?? [];
    if (name !== undefined) return { name, scopes: Array.isArray(scopes) ? scopes.filter((scope): scope is string => typeof scope === 'string') : [] };
  }
  return undefined;
}

function chosenRequirement(document: Json, schemes: Json): { name: string; scopes: string[] } | undefined {
  const top = firstRequirement(document.security);
  if (top) return top;
  const paths = isObject(document.paths) ? document.paths : {};
  for (const item of Object.values(paths)) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const operation = item[method];
      const found = isObject(operation) ? firstRequirement(operation.security) : undefined;
      if (found) return found;
    }
  }
  const first = Object.keys(schemes)[0];
  return first === undefined ? undefined : { name: first, scopes: [] };
}

function scopesOf(definitionScopes: unknown, requested: string[]): string[] {
  if (requested.length > 0) return splitScopes(requested.join(' '));
  return isObject(definitionScopes) ? splitScopes(Object.keys(definitionScopes).join(' ')) : [];
}

export function chooseSecurity({ version, document }: OpenApiDocument, warn: Warn): SecurityChoice {
  const schemesPath = version === 2 ? ['securityDefinitions'] : ['components', 'securitySchemes'];
  const schemes = (version === 2 ? document.securityDefinitions : isObject(document.components) ? document.components.securitySchemes : undefined) ?? {};
  if (!isObject(schemes)) return { auth: { type: 'none' } };
  const requirement = chosenRequirement(document, schemes);
  if (!requirement) return { auth: { type: 'none' } };
  const scheme = schemes[requirement.name];
  const at = pointer(...schemesPath, requirement.name);
  if (!isObject(scheme)) {
    warn(at, `The security requirement names "${requirement.name}", which is not defined; the connector is imported without authentication.`);
    return { auth: { type: 'none' } };
  }
  const choice = (auth: AuthSpec): SecurityChoice => ({ auth, schemeName: requirement.name });
  switch (scheme.type) {
    case 'basic':
      return choice({ type: 'basic' });
    case 'http': {
      const kind = text(scheme.scheme)?.toLowerCase();
      if (kind === 'basic') return choice({ type: 'basic' });
      if (kind !== 'bearer') warn(at, `HTTP scheme "${kind ?? '?'}" is not supported; the connection sends a bearer token.`);
      return choice({ type: 'bearer' });
    }
    case 'apiKey': {
      const name = text(scheme.name);
      if (!name) warn(pointer(...schemesPath, requirement.name, 'name'), 'The API key has no name; Brook sends it in the X-API-Key header.');
      if (scheme.in === 'query') return choice({ type: 'apiKey', in: 'query', name: name ?? 'api_key' });
      if (scheme.in !== 'header') warn(pointer(...schemesPath, requirement.name, 'in'), `API keys in "${String(scheme.in)}" are not supported; Brook sends it in a header.`);
      return choice({ type: 'apiKey', in: 'header', name: name ?? 'X-API-Key' });
    }
    case 'oauth2':
      return choice(version === 2 ? oauth2From2(scheme, requirement.scopes, at, warn) : oauth2From3(scheme, requirement.scopes, at, warn));
    case 'openIdConnect':
      warn(at, 'OpenID Connect discovery is not supported; the connection sends a bearer token you enter (or use the HTTP connector with OAuth2).');
      return choice({ type: 'bearer' });
    default:
      warn(pointer(...schemesPath, requirement.name, 'type'), `Security type "${String(scheme.type)}" is not supported; the connector is imported without authentication.`);
      return { auth: { type: 'none' } };
  }
}

function oauth2From2(scheme: Json, requested: string[], at: string, warn: Warn): AuthSpec {
  const scopes = scopesOf(scheme.scopes, requested);
  const tokenUrl = text(scheme.tokenUrl) ?? '';
  switch (scheme.flow) {
    case 'accessCode':
      return { type: 'oauth2AuthorizationCode', authorizationUrl: text(scheme.authorizationUrl) ?? '', tokenUrl, scopes };
    case 'application':
      return { type: 'oauth2ClientCredentials', tokenUrl, scopes };
    default:
      warn(`${at}/flow`, `OAuth2 flow "${String(scheme.flow)}" is not supported by a server (it has no refresh); the connection sends a bearer token you enter.`);
      return { type: 'bearer' };
  }
}

function oauth2From3(scheme: Json, requested: string[], at: string, warn: Warn): AuthSpec {
  const flows = isObject(scheme.flows) ? scheme.flows : {};
  const code = flows.authorizationCode;
  if (isObject(code)) {
    const spec: AuthSpec = { type: 'oauth2AuthorizationCode', authorizationUrl: text(code.authorizationUrl) ?? '', tokenUrl: text(code.tokenUrl) ?? '', scopes: scopesOf(code.scopes, requested) };
    const refreshUrl = text(code.refreshUrl);
    return refreshUrl ? { ...spec, refreshUrl } : spec;
  }
  const client = flows.clientCredentials;
  if (isObject(client)) return { type: 'oauth2ClientCredentials', tokenUrl: text(client.tokenUrl) ?? '', scopes: scopesOf(client.scopes, requested) };
  warn(`${at}/flows`, `Only the authorizationCode and clientCredentials flows are supported (found ${Object.keys(flows).join(', ') || 'none'}); the connection sends a bearer token you enter.`);
  return { type: 'bearer' };
}

// Power Platform custom connectors keep their connection parameters beside the OpenAPI
// document (apiProperties.json: properties.connectionParameters) or inside it
// (x-ms-connection-parameters). When present, their labels, descriptions, secrecy and
// OAuth settings (client id, scopes, real authorize/token URLs) are respected.
import type { AuthSpec, ConnectorParameter } from '../definitions/types.js';
import { splitScopes } from '../auth/oauth2/settings.js';
import { isObject, text, type Json } from './problems.js';

type Warn = (path: string, message: string) => void;

/** Accepts apiProperties.json as a whole, its `properties`, or the connectionParameters object itself. */
export function connectionParametersOf(source: unknown): Json | undefined {
  if (!isObject(source)) return undefined;
  if (isObject(source.properties) && isObject(source.properties.connectionParameters)) return source.properties.connectionParameters;
  if (isObject(source.connectionParameters)) return source.connectionParameters;
  return source;
}

/** Which scheme parameter a Power Platform connection parameter stands for. */
function target(name: string, auth: AuthSpec, parameters: ConnectorParameter[], taken: Set<string>): ConnectorParameter | undefined {
  const lower = name.toLowerCase().replace(/[^a-z]/g, '');
  const exact = parameters.find((parameter) => parameter.name.toLowerCase() === lower && !taken.has(parameter.name));
  if (exact) return exact;
  const alias: Record<string, string> = { apikey: 'apiKey', key: 'apiKey', user: 'username', username: 'username', pass: 'password', token: 'token' };
  const aliased = alias[lower];
  if (aliased) return parameters.find((parameter) => parameter.name === aliased && !taken.has(parameter.name));
  // An API-key connector has one secret: the first secure string is it.
  if (auth.type === 'apiKey') return parameters.find((parameter) => parameter.name === 'apiKey' && !taken.has(parameter.name));
  return undefined;
}

/** OAuth settings of an "oauthSetting" parameter: real URLs win over the document's. */
function oauthOverrides(setting: Json, auth: AuthSpec): AuthSpec {
  if (auth.type !== 'oauth2AuthorizationCode' && auth.type !== 'oauth2ClientCredentials') return auth;
  const custom = isObject(setting.customParameters) ? setting.customParameters : {};
  const value = (key: string): string | undefined => (isObject(custom[key]) ? text(custom[key].value) : undefined);
  let authorizationUrl = value('authorizationUrl');
  let tokenUrl = value('tokenUrl');
  const refreshUrl = value('refreshUrl');
  if (setting.identityProvider === 'aad' && !tokenUrl) {
    const login = value('loginUri') ?? 'https://login.microsoftonline.com';
    const tenant = value('tenantId') ?? 'common';
    authorizationUrl = `${login}/${tenant}/oauth2/authorize`;
    tokenUrl = `${login}/${tenant}/oauth2/token`;
  }
  const scopes = Array.isArray(setting.scopes) ? splitScopes(setting.scopes.filter((scope): scope is string => typeof scope === 'string').join(' ')) : [];
  if (auth.type === 'oauth2ClientCredentials') return { ...auth, ...(tokenUrl ? { tokenUrl } : {}), ...(scopes.length ? { scopes } : {}) };
  return {
    ...auth,
    ...(authorizationUrl ? { authorizationUrl } : {}),
    ...(tokenUrl ? { tokenUrl } : {}),
    ...(refreshUrl ? { refreshUrl } : {}),
    ...(scopes.length ? { scopes } : {}),
  };
}

function isPlaceholder(value: string): boolean {
  return /^\[.*\]$/.test(value) || /your[_ -]?client/i.test(value);
}

export interface PowerPlatformResult {
  auth: AuthSpec;
  parameters: ConnectorParameter[];
}

export function applyConnectionParameters(connectionParameters: Json, auth: AuthSpec, parameters: ConnectorParameter[], warn: Warn, at: string): PowerPlatformResult {
  let resultAuth = auth;
  const result = parameters.map((parameter) => ({ ...parameter }));
  const taken = new Set<string>();
  for (const [name, raw] of Object.entries(connectionParameters)) {
    if (!isObject(raw)) continue;
    const ui = isObject(raw.uiDefinition) ? raw.uiDefinition : {};
    const constraints = isObject(ui.constraints) ? ui.constraints : {};
    if (raw.type === 'oauthSetting') {
      const setting = isObject(raw.oAuthSettings) ? raw.oAuthSettings : {};
      resultAuth = oauthOverrides(setting, resultAuth);
      const clientId = result.find((parameter) => parameter.name === 'clientId');
      const id = text(setting.clientId);
      if (clientId && id && !isPlaceholder(id)) clientId.default = id;
      const scopes = result.find((parameter) => parameter.name === 'scopes');
      if (scopes && (resultAuth.type === 'oauth2AuthorizationCode' || resultAuth.type === 'oauth2ClientCredentials')) scopes.default = resultAuth.scopes.join(' ');
      for (const urlName of ['authorizationUrl', 'tokenUrl'] as const) {
        const parameter = result.find((candidate) => candidate.name === urlName);
        const url = urlName === 'authorizationUrl' ? (resultAuth.type === 'oauth2AuthorizationCode' ? resultAuth.authorizationUrl : undefined) : 'tokenUrl' in resultAuth ? resultAuth.tokenUrl : undefined;
        if (parameter && url) {
          parameter.default = url;
          parameter.required = false;
        }
      }
      continue;
    }
    if (constraints.hidden === 'true' || constraints.hidden === true) continue;
    const parameter = target(name, resultAuth, result, taken);
    if (!parameter) {
      warn(`${at}/${name}`, `Connection parameter "${name}" is not used by Brook's calls (it may feed a policy); it is left out.`);
      continue;
    }
    taken.add(parameter.name);
    const label = text(ui.displayName);
    if (label) parameter.label = label;
    const description = text(ui.description) ?? text(ui.tooltip);
    if (description) parameter.description = description;
    if (constraints.required !== undefined) parameter.required = constraints.required === 'true' || constraints.required === true;
    if (raw.type === 'securestring') parameter.secret = true;
  }
  return { auth: resultAuth, parameters: result };
}

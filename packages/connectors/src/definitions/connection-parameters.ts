// The parameters a connection of a connector takes for a chosen auth type: the
// connector's own (base URL …) plus the scheme's (user name, password, client ID …).
import { authScheme } from '../auth/schemes.js';
import { AUTH_TYPES, type AuthType, type ConnectorDefinition, type ConnectorParameter } from './types.js';

function schemeParameterNames(connector: ConnectorDefinition, authType: AuthType): Set<string> {
  return new Set(authScheme(authType).parameters(connector.auth, { configurable: connector.authConfigurable === true }).map((parameter) => parameter.name));
}

/** Parameters of `connector` with `authType` (default: the connector's own auth type). */
export function connectionParameters(connector: ConnectorDefinition, authType: AuthType = connector.authType): ConnectorParameter[] {
  if (authType === connector.authType) return connector.parameters;
  const defaultScheme = schemeParameterNames(connector, connector.authType);
  const own = connector.parameters.filter((parameter) => !defaultScheme.has(parameter.name));
  const spec = connector.authConfigurable ? { type: 'none' as const } : connector.auth;
  return [...own, ...authScheme(authType).parameters(spec, { configurable: connector.authConfigurable === true })];
}

/** The connector's parameters for its default auth type, built from its own ones and the scheme's. */
export function withSchemeParameters(own: ConnectorParameter[], connector: Pick<ConnectorDefinition, 'authType' | 'auth' | 'authConfigurable'>): ConnectorParameter[] {
  const scheme = authScheme(connector.authType).parameters(connector.auth, { configurable: connector.authConfigurable === true });
  const names = new Set(own.map((parameter) => parameter.name));
  return [...own, ...scheme.filter((parameter) => !names.has(parameter.name))];
}

export function isAuthType(value: unknown): value is AuthType {
  return typeof value === 'string' && (AUTH_TYPES as readonly string[]).includes(value);
}

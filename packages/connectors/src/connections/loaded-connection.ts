// A connection ready to call: its record, connector, scheme, opened secrets and the
// values the scheme reads. Built at the last moment before a call, never stored.
import { authScheme } from '../auth/schemes.js';
import type { AuthContext, AuthScheme, TokenSet } from '../auth/types.js';
import { classifiedError } from '../classification/catalogue.js';
import { ClassifiedFailureError, classifyError } from '../classification/classify-error.js';
import type { ConnectionContext } from '../classification/remedy.js';
import { connectionParameters } from '../definitions/connection-parameters.js';
import type { ConnectorDefinition, ConnectorParameter } from '../definitions/types.js';
import { maskSecrets } from '../secrets/masking.js';
import { effectiveValues } from './connection-input.js';
import { openBundle, type CredentialBundle } from './credential-bundle.js';
import type { ConnectionRuntime } from './runtime.js';
import type { StoredConnection } from './state-store.js';

export interface LoadedConnection {
  record: StoredConnection;
  connector: ConnectorDefinition;
  declared: ConnectorParameter[];
  scheme: AuthScheme;
  bundle: CredentialBundle;
  values: Record<string, unknown>;
  context: ConnectionContext;
}

export function describeConnection(loaded: Pick<LoadedConnection, 'record'>): ConnectionContext {
  return { id: loaded.record.id, name: loaded.record.name, authType: loaded.record.authType };
}

export function assemble(record: StoredConnection, connector: ConnectorDefinition, bundle: CredentialBundle): LoadedConnection {
  const declared = connectionParameters(connector, record.authType);
  return {
    record,
    connector,
    declared,
    scheme: authScheme(record.authType),
    bundle,
    values: effectiveValues(declared, { parameters: record.parameters, secrets: bundle.secrets }),
    context: describeConnection({ record }),
  };
}

/** Loads and opens a connection; failures are ClassifiedFailureErrors (not found, connector missing, unreadable secrets). */
export async function loadConnection(runtime: ConnectionRuntime, id: string): Promise<LoadedConnection> {
  const record = await runtime.store.getConnection(id);
  if (!record) throw new ClassifiedFailureError(classifiedError('ConnectionNotFound', { message: `Connection ${id} does not exist: it was deleted.` }));
  const context = describeConnection({ record });
  const connector = runtime.connectors.get(record.connectorId);
  if (!connector) {
    throw new ClassifiedFailureError(
      classifiedError('InvalidConnection', { message: `Connection '${record.name}' uses connector "${record.connectorId}", which is not installed; import it again.`, connection: context }),
    );
  }
  let bundle: CredentialBundle;
  try {
    bundle = openBundle(runtime.keyring, id, record.secretsSealed);
  } catch (error) {
    throw new ClassifiedFailureError(classifyError(error, { connection: context }));
  }
  return assemble(record, connector, bundle);
}

export function authContext(loaded: LoadedConnection, tokens: TokenSet | undefined = loaded.bundle.tokens): AuthContext {
  return { spec: loaded.connector.auth, values: loaded.values, ...(tokens ? { tokens } : {}) };
}

/** Every value to hide when recording this connection's calls or messages. */
export function secretValuesOf(loaded: LoadedConnection): string[] {
  const values = [...loaded.scheme.secretValues(authContext(loaded)), ...Object.values(loaded.bundle.secrets)];
  if (loaded.bundle.tokens) {
    values.push(loaded.bundle.tokens.accessToken);
    if (loaded.bundle.tokens.refreshToken) values.push(loaded.bundle.tokens.refreshToken);
  }
  return values;
}

export function maskFor(loaded: LoadedConnection): <T>(value: T) => T {
  const options = { sensitiveFields: loaded.connector.sensitiveFields, secretValues: secretValuesOf(loaded) };
  return (value) => maskSecrets(value, options);
}

/** The connection's base URL: fixed by the connector or one of its parameters. */
export function baseUrlOf(loaded: LoadedConnection): string {
  const spec = loaded.connector.baseUrl;
  const value = spec.kind === 'fixed' ? spec.url : loaded.values[spec.parameter];
  if (typeof value !== 'string' || value === '') {
    throw new ClassifiedFailureError(classifiedError('InvalidUrl', { message: `Connection '${loaded.record.name}' has no base URL; set it on the Connections page.`, connection: loaded.context }));
  }
  return value;
}

// Importing a custom connector from an OpenAPI 2.0 or 3.x document (JSON or YAML):
// operations, security scheme, base URL, verify call and sensitive fields, with the
// Power Platform extensions (x-ms-*) tolerated and their connection parameters respected.
import { withSchemeParameters } from '../definitions/connection-parameters.js';
import type { AuthSpec, BaseUrlSpec, ConnectorDefinition, ConnectorOperation, ConnectorParameter, VerifySpec } from '../definitions/types.js';
import { parseOpenApiDocument, type OpenApiDocument } from './parse-document.js';
import { applyConnectionParameters, connectionParametersOf } from './power-platform.js';
import { ConnectorImportError, isObject, text, type ImportProblem, type Json } from './problems.js';
import { RefResolver } from './refs.js';
import { chooseSecurity } from './security.js';
import { extractOperations } from './operations.js';

export interface ImportConnectorOptions {
  /** Connector id (default: from the title, e.g. "abstract-exchange-rates"). */
  id?: string;
  name?: string;
  /** Power Platform apiProperties.json (whole, or its connectionParameters). */
  apiProperties?: unknown;
  /** The operation that verifies a connection (default: x-ms-capabilities.testConnection, else the first GET without required inputs). */
  verifyOperationId?: string;
}

export interface ImportedConnector {
  connector: ConnectorDefinition;
  warnings: ImportProblem[];
}

export function slugify(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'connector';
}

function baseUrlOf({ version, document }: OpenApiDocument, warn: (path: string, message: string) => void): string | undefined {
  if (version === 2) {
    const host = text(document.host);
    if (!host) {
      warn('/host', 'The document has no host; each connection must give a base URL.');
      return undefined;
    }
    const schemes = Array.isArray(document.schemes) ? document.schemes : [];
    const scheme = schemes.includes('https') ? 'https' : (text(schemes[0]) ?? 'https');
    const basePath = text(document.basePath) ?? '/';
    return `${scheme}://${host}${basePath.startsWith('/') ? basePath : `/${basePath}`}`.replace(/\/+$/, '');
  }
  const server = Array.isArray(document.servers) && isObject(document.servers[0]) ? document.servers[0] : undefined;
  const url = text(server?.url);
  if (!url || !/^https?:\/\//.test(url)) {
    warn('/servers', url ? `The server URL "${url}" is relative; each connection must give a base URL.` : 'The document has no servers; each connection must give a base URL.');
    return undefined;
  }
  const variables = isObject(server?.variables) ? server.variables : {};
  return url.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const variable = variables[name];
    return isObject(variable) && variable.default !== undefined ? String(variable.default) : name;
  }).replace(/\/+$/, '');
}

function requiredWithoutDefault(operation: ConnectorOperation): boolean {
  return operation.parameters.some((parameter) => parameter.required && parameter.default === undefined);
}

function chooseVerify(document: Json, operations: ConnectorOperation[], explicit: string | undefined, warn: (path: string, message: string) => void): VerifySpec {
  const capabilities = isObject(document['x-ms-capabilities']) ? document['x-ms-capabilities'] : {};
  const test = isObject(capabilities.testConnection) ? capabilities.testConnection : {};
  const wanted = explicit ?? text(test.operationId);
  if (wanted) {
    if (operations.some((operation) => operation.id === wanted)) {
      const parameters = isObject(test.parameters) && !explicit ? { parameters: test.parameters } : {};
      return { kind: 'operation', operationId: wanted, ...parameters };
    }
    warn('/x-ms-capabilities/testConnection', `The verify operation "${wanted}" does not exist; Brook chooses one.`);
  }
  const candidates = operations.filter((operation) => operation.method === 'GET' && !requiredWithoutDefault(operation));
  const chosen = candidates.find((operation) => !operation.deprecated) ?? candidates[0];
  if (chosen) return { kind: 'operation', operationId: chosen.id };
  return { kind: 'probe', path: '/', expect: 'not-rejected' };
}

function sensitiveFieldsOf(operations: ConnectorOperation[], document: Json): string[] {
  const fields = new Set<string>();
  const walk = (node: unknown, depth: number): void => {
    if (depth > 40 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((child) => walk(child, depth + 1));
    const record = node as Json;
    if (isObject(record.properties)) {
      for (const [name, property] of Object.entries(record.properties)) if (isObject(property) && (property.format === 'password' || property['x-ms-secret'] === true)) fields.add(name);
    }
    for (const child of Object.values(record)) walk(child, depth + 1);
  };
  walk(document, 0);
  for (const operation of operations) for (const parameter of operation.parameters) if (parameter.type === 'password') fields.add(parameter.name);
  return [...fields].sort();
}

function metadataOf(document: Json): Record<string, string> | undefined {
  const list = document['x-ms-connector-metadata'];
  if (!Array.isArray(list)) return undefined;
  const metadata: Record<string, string> = {};
  for (const entry of list) if (isObject(entry) && typeof entry.propertyName === 'string' && typeof entry.propertyValue === 'string') metadata[entry.propertyName] = entry.propertyValue;
  return metadata;
}

export function importOpenApiConnector(source: string | object, options: ImportConnectorOptions = {}): ImportedConnector {
  const parsed = parseOpenApiDocument(source);
  const { document } = parsed;
  const warnings: ImportProblem[] = [];
  const warn = (path: string, message: string): void => void warnings.push({ path, message });
  const info = isObject(document.info) ? document.info : {};
  const title = options.name ?? text(info.title);
  if (!title) throw new ConnectorImportError([{ path: '/info/title', message: 'The document has no title; give the connector a name.' }]);
  const resolver = new RefResolver(document, warn);
  const operations = extractOperations(parsed, resolver, warn);
  if (operations.length === 0) warn('/paths', 'The document has no operations.');
  let { auth } = chooseSecurity(parsed, warn);
  const base = baseUrlOf(parsed, warn);
  const baseUrlParameter: ConnectorParameter = {
    name: 'baseUrl',
    label: 'Base URL',
    secret: false,
    required: base === undefined,
    description: 'Where the service is; change it for another instance of the service.',
    ...(base === undefined ? {} : { default: base }),
  };
  const baseUrl: BaseUrlSpec = { kind: 'parameter', parameter: 'baseUrl' };
  let parameters = withSchemeParameters([baseUrlParameter], { authType: auth.type, auth, authConfigurable: false });
  const pp = connectionParametersOf(options.apiProperties) ?? (isObject(document['x-ms-connection-parameters']) ? document['x-ms-connection-parameters'] : undefined);
  if (pp) {
    const applied = applyConnectionParameters(pp, auth, parameters, warn, options.apiProperties ? '/apiProperties/connectionParameters' : '/x-ms-connection-parameters');
    auth = applied.auth;
    parameters = applied.parameters;
  }
  checkOAuth(auth, parameters, warn);
  const metadata = metadataOf(document);
  const connector: ConnectorDefinition = {
    id: options.id ?? slugify(title),
    name: title,
    description: text(info.description) ?? '',
    builtIn: false,
    transport: 'http',
    authType: auth.type,
    authOptions: [auth.type],
    auth,
    parameters,
    operations,
    verify: chooseVerify(document, operations, options.verifyOperationId, warn),
    sensitiveFields: sensitiveFieldsOf(operations, document),
    baseUrl,
    ...(metadata ? { metadata } : {}),
  };
  return { connector, warnings };
}

function checkOAuth(auth: AuthSpec, parameters: ConnectorParameter[], warn: (path: string, message: string) => void): void {
  if (auth.type === 'oauth2AuthorizationCode' && auth.tokenUrl && auth.tokenUrl === auth.authorizationUrl) {
    warn('/securityDefinitions', `The token URL equals the authorization URL (${auth.tokenUrl}); set the real token URL on each connection.`);
    const tokenUrl = parameters.find((parameter) => parameter.name === 'tokenUrl');
    if (tokenUrl) {
      tokenUrl.required = true;
      delete tokenUrl.default;
    }
  }
}

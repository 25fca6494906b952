// Connectors as data: what a service offers (operations), how it is authenticated, how
// a connection to it is verified, and which fields are secret. Built-in connectors and
// connectors imported from OpenAPI documents have the same shape.

/** How a connection proves who it is. Closed set: switch over it exhaustively. */
export type AuthType = 'none' | 'basic' | 'apiKey' | 'bearer' | 'oauth2AuthorizationCode' | 'oauth2ClientCredentials' | 'smtp';

export const AUTH_TYPES: readonly AuthType[] = ['none', 'basic', 'apiKey', 'bearer', 'oauth2AuthorizationCode', 'oauth2ClientCredentials', 'smtp'];

/** What the portal offers when a connection's credentials stop working. */
export type FixAction = 'verify_password' | 'sign_in_again' | 'update_credentials';

export type ConnectionStatus = 'connected' | 'unauthenticated' | 'error';

/** A value the user gives when creating a connection. Secret ones are write-only. */
export interface ConnectorParameter {
  name: string;
  label: string;
  secret: boolean;
  required: boolean;
  description?: string;
  default?: unknown;
  /** The allowed values, when it is a choice. */
  options?: readonly string[];
}

export type ParameterLocation = 'path' | 'query' | 'header' | 'body' | 'formData';

/**
 * One input of an operation, under the name a definition uses: OpenApiConnection's
 * `parameters` keys are these names ("count", "$filter", "body/content").
 */
export interface OperationParameter {
  name: string;
  in: ParameterLocation;
  /** Name on the wire (path, query, header or form field); for body parameters the body parameter's name. */
  wireName: string;
  /** For `in: 'body'`: the property path inside the body; [] is the whole body. */
  bodyPath?: string[];
  required: boolean;
  type?: string;
  summary?: string;
  description?: string;
  default?: unknown;
  /** x-ms-visibility: "internal" inputs are filled from their default and hidden. */
  visibility?: 'important' | 'advanced' | 'internal';
}

export interface ConnectorOperation {
  id: string;
  /** GET, POST, …; "ANY" for the HTTP connector's generic request. */
  method: string;
  /** Relative to the connector's base URL, with {name} path parameters. */
  path: string;
  summary: string;
  description?: string;
  deprecated?: boolean;
  visibility?: 'important' | 'advanced' | 'internal';
  parameters: OperationParameter[];
  /** Content type of the request body, when it has one. */
  contentType?: string;
}

/** Static details of the connector's security scheme; connections may override URLs and scopes. */
export type AuthSpec =
  | { type: 'none' }
  | { type: 'basic' }
  | { type: 'apiKey'; in: 'header' | 'query'; name: string }
  | { type: 'bearer' }
  | { type: 'oauth2AuthorizationCode'; authorizationUrl: string; tokenUrl: string; refreshUrl?: string; scopes: string[] }
  | { type: 'oauth2ClientCredentials'; tokenUrl: string; scopes: string[] }
  | { type: 'smtp' };

/** How a connection is verified. */
export type VerifySpec =
  /** Call an operation; a 2xx answer means connected. */
  | { kind: 'operation'; operationId: string; parameters?: Record<string, unknown> }
  /**
   * GET a path under the base URL. expect 'success': only 2xx verifies; 'not-rejected':
   * any answer but 401/403 does (for services without a cheap authenticated call).
   * pathParameter names a connection parameter that overrides the path.
   */
  | { kind: 'probe'; path: string; pathParameter?: string; expect: 'success' | 'not-rejected' }
  /** The transport's own check (SMTP: connect and authenticate). */
  | { kind: 'transport' };

export type BaseUrlSpec = { kind: 'fixed'; url: string } | { kind: 'parameter'; parameter: string };

export type Transport = 'http' | 'smtp';

export interface ConnectorDefinition {
  id: string;
  name: string;
  description: string;
  builtIn: boolean;
  transport: Transport;
  /** The connector's auth type (the default one when several are offered). */
  authType: AuthType;
  /** The auth types a connection may choose (the HTTP connector offers all of them). */
  authOptions: readonly AuthType[];
  auth: AuthSpec;
  /** The connection parameters for `authType`; see connectionParameters() for another choice. */
  parameters: ConnectorParameter[];
  operations: ConnectorOperation[];
  verify: VerifySpec;
  /** Fields masked in recorded inputs and outputs: a name anywhere, or a path like "body/token". */
  sensitiveFields: string[];
  baseUrl: BaseUrlSpec;
  /** x-ms-connector-metadata and similar: website, privacy policy, categories. */
  metadata?: Record<string, string>;
  /** The connection sets the scheme's details (header name, token URL, …), as with the HTTP connector. */
  authConfigurable?: boolean;
}

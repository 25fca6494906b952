// @brook/connectors — talking to services: connectors as data (built in, or imported from
// OpenAPI), auth schemes, connections with status, verify, OAuth2 sign-in and refresh,
// sealed secrets with key rotation, the guarded HTTP client, failure classification and
// masking. The engine calls ConnectionManager.invoke/invokeOperation; the server
// implements ConnectionStateStore and SecretRecords on its database.

// Connectors
export type {
  AuthType,
  FixAction,
  ConnectionStatus,
  ConnectorDefinition,
  ConnectorParameter,
  ConnectorOperation,
  OperationParameter,
  ParameterLocation,
  AuthSpec,
  VerifySpec,
  BaseUrlSpec,
  Transport,
} from './definitions/types.js';
export { AUTH_TYPES } from './definitions/types.js';
export { ConnectorRegistry, builtInConnectors } from './definitions/registry.js';
export { httpConnector, HTTP_CONNECTOR_ID } from './definitions/builtin-http.js';
export { smtpConnector, SMTP_CONNECTOR_ID } from './definitions/builtin-smtp.js';
export { connectionParameters, isAuthType } from './definitions/connection-parameters.js';
export { importOpenApiConnector, slugify, type ImportConnectorOptions, type ImportedConnector } from './openapi/import-connector.js';
export { ConnectorImportError, type ImportProblem } from './openapi/problems.js';

// Operations
export type { ConnectionRequest, QueryValue } from './operations/connection-request.js';
export { OperationInputError } from './operations/connection-request.js';
export { buildOperationRequest } from './operations/build-request.js';

// Auth schemes
export type { AuthScheme, AuthTarget, AuthContext, TokenSet, TokenGrant, CredentialValues } from './auth/types.js';
export { MissingCredentialError } from './auth/types.js';
export { authScheme } from './auth/schemes.js';
export { createPkcePair, createOAuthState, buildAuthorizeUrl, type PkcePair, type AuthorizeUrlInput } from './auth/oauth2/pkce.js';
export { requestTokens, type TokenClient, type TokenGrantRequest, type TokenEndpointResult, type ClientAuthentication } from './auth/oauth2/token-endpoint.js';

// Connections
export { ConnectionManager, type ConnectionManagerOptions, type CreateConnectionInput, type CreateConnectionResult } from './connections/connection-manager.js';
export type { ConnectionStateStore, StoredConnection, StatusUpdate, CredentialWrite, CredentialWriteResult, OAuthStateRecord } from './connections/state-store.js';
export { InMemoryConnectionStateStore } from './connections/memory-state-store.js';
export type { ConnectionView } from './connections/connection-view.js';
export { toConnectionView } from './connections/connection-view.js';
export type { InvokeResult, InvokeOptions, ActionOutputs, RecordedRequest, Recorded, ActionCall } from './connections/call-result.js';
export type { VerifyInput, VerifyResult } from './connections/verify.js';
export type { StartConsentInput, CompleteConsentInput, ConsentResult } from './connections/oauth-consent.js';
export { DEFAULT_HEALTH_CHECK_INTERVAL_MS, DEFAULT_EXPIRY_WARNING_MS, type HealthCheckOptions, type HealthReport, type ConnectionHealth } from './connections/health-check.js';
export { ConnectionInputError, type InputProblem } from './connections/connection-input.js';
export type { ConnectionLogger, RefreshSettings } from './connections/runtime.js';
export { associatedDataFor } from './connections/credential-bundle.js';

// Secrets
export { Keyring, secretKeyId, type KeyringContents } from './secrets/keyring.js';
export { sealWithKey, openWithKey, envelopeKeyId, SecretEnvelopeError, ENVELOPE_FORMAT_V1, type SecretKey } from './secrets/envelope.js';
export {
  loadKeyring,
  parseSecretKey,
  generateSecretKey,
  ensureKeyFile,
  addPrimaryKeyToFile,
  SecretKeyError,
  SECRET_KEY_ENV,
  DEFAULT_KEY_FILE_NAME,
  PREVIOUS_SECRET_KEYS_ENV,
  type LoadKeyringOptions,
  type LoadedKeyring,
} from './secrets/key-source.js';
export { resealSecrets, type SecretRecord, type SecretRecords, type RotationReport, type RotationProgress, type ResealOptions } from './secrets/rotation.js';
export { maskSecrets, maskText, sensitiveValues, MASK, SENSITIVE_NAMES, LOG_REDACT_PATHS, LOG_REDACTION, type MaskOptions } from './secrets/masking.js';

// HTTP
export { HttpClient, DEFAULT_TIMEOUT_MS, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_IDEMPOTENCY_HEADER, type HttpClientOptions, type HttpRequest, type HttpResponse } from './http/http-client.js';
export { CompiledNetworkPolicy, type NetworkPolicy, type AddressDecision, type AddressRule } from './http/network-policy.js';
export { HttpCallError, type HttpCallErrorKind } from './http/errors.js';
export type { ClientCertificate } from './http/client-certificate.js';
export { decodeResponseBody } from './http/response-body.js';
export type { AddressLookup } from './http/resolve-address.js';

// Email
export { SmtpTransport, parseSmtpUrl, type EmailMessage, type SentEmail, type SmtpSettings } from './smtp/smtp-transport.js';

// Classification
export { classifyHttpFailure, connectionStatusChangeFor, retryAfterMs, serviceMessage, type HttpFailure, type ClassifiedFailure, type ConnectionStatusChange } from './classification/classify-http.js';
export { classifyError, ClassifiedFailureError, isClassifiedError, type ErrorContext } from './classification/classify-error.js';
export { ERROR_CATALOGUE, catalogueEntry, catalogueEntryForStatus, classifiedError, type CatalogueEntry, type ClassifyDetails } from './classification/catalogue.js';
export { fixActionFor, fixActionLabel, authenticationRemedy, permissionRemedy, type ConnectionContext } from './classification/remedy.js';

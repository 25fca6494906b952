// The catalogue of failures Brook explains: each code with its category, whether trying
// again can help, what it means, and the numbered steps that fix it. Credential codes get
// connection-specific remedies from remedy.ts when the call used a connection.
import type { ClassifiedError, ErrorCategory, Remedy } from '@brook/wdl';
import { authenticationRemedy, permissionRemedy, type ConnectionContext } from './remedy.js';

export interface CatalogueEntry {
  code: string;
  category: ErrorCategory;
  retryable: boolean;
  /** The HTTP status this code stands for, when it is one. */
  status?: number;
  title: string;
  /** What it means, in a sentence. */
  meaning: string;
  remedy: Remedy;
}

const RESUBMIT = 'Resubmit the run.';
const EDIT_AND_RESUBMIT = ['Edit the flow, correct the action and save it.', 'Resubmit the run: it uses the saved flow.'];

function entry(code: string, category: ErrorCategory, retryable: boolean, title: string, meaning: string, steps: string[], status?: number): CatalogueEntry {
  return { code, category, retryable, title, meaning, remedy: { summary: meaning, steps }, ...(status === undefined ? {} : { status }) };
}

export const ERROR_CATALOGUE: readonly CatalogueEntry[] = [
  // HTTP answers
  entry('BadRequest', 'definition', false, 'Bad request', 'The service rejected the request as malformed (400).', ["Open the failed action and compare its inputs with what the service expects: types, required fields, lengths, characters.", ...EDIT_AND_RESUBMIT], 400),
  entry('Unauthorized', 'authentication', false, 'Unauthorized', 'The service rejected the credentials (401).', ["Check the credentials the action sends (its connection or its authentication settings).", ...EDIT_AND_RESUBMIT], 401),
  entry('Forbidden', 'permission', false, 'Forbidden', 'The service refused access to this resource (403).', ["Check that the account used may do this in the service; ask its administrator for access.", RESUBMIT], 403),
  entry('NotFound', 'not_found', false, 'Not found', 'The service could not find what the action asked for (404): it was deleted, renamed or the address is wrong.', ["Check the address and identifiers in the action's inputs.", 'Prefer looking identifiers up in the flow over writing them in.', ...EDIT_AND_RESUBMIT], 404),
  entry('MethodNotAllowed', 'definition', false, 'Method not allowed', 'The service does not accept this method at this address (405).', ["Check the action's method and address against the service's documentation.", ...EDIT_AND_RESUBMIT], 405),
  entry('RequestTimeout', 'timeout', true, 'Request timeout', 'The service gave up waiting for the request (408).', [RESUBMIT, 'If it keeps happening, send less data per call.'], 408),
  entry('Conflict', 'definition', false, 'Conflict', 'The request conflicts with the current state of the resource (409), for example it already exists or was changed meanwhile.', ['Look at the resource in the service and decide whether the action should create, update or skip it.', ...EDIT_AND_RESUBMIT], 409),
  entry('Gone', 'not_found', false, 'Gone', 'The resource no longer exists (410).', ["Point the action at a resource that exists.", ...EDIT_AND_RESUBMIT], 410),
  entry('PayloadTooLarge', 'definition', false, 'Payload too large', 'The request is bigger than the service accepts (413), for example an attachment over its size limit.', ['Send less per call: split the data, or store the file elsewhere and send a link.', ...EDIT_AND_RESUBMIT], 413),
  entry('UnsupportedMediaType', 'definition', false, 'Unsupported media type', 'The service does not accept the content type of the request (415).', ["Set the Content-Type the service expects.", ...EDIT_AND_RESUBMIT], 415),
  entry('UnprocessableEntity', 'definition', false, 'Unprocessable entity', 'The service understood the request but its content is not valid (422).', ["Read the service's message in the action's outputs and correct the inputs.", ...EDIT_AND_RESUBMIT], 422),
  entry('TooManyRequests', 'throttled', true, 'Too many requests', 'The service is throttling calls (429).', ['Wait, then resubmit the run; the retry policy waits as long as the service asks.', 'Add delays inside loops or lower the loop concurrency.', 'Set a retry policy with exponential backoff on the action.'], 429),
  entry('InternalServerError', 'server', true, 'Internal server error', 'The service failed while handling the request (500).', ["Wait 15 to 30 minutes and resubmit the run.", "Check the service's status page if it keeps failing."], 500),
  entry('NotImplemented', 'server', false, 'Not implemented', 'The service does not support this operation (501).', ["Use another operation or service.", ...EDIT_AND_RESUBMIT], 501),
  entry('BadGateway', 'server', true, 'Bad gateway', 'A gateway in front of the service failed (502); this is usually brief.', [RESUBMIT, 'Enable a retry policy on the action.'], 502),
  entry('ServiceUnavailable', 'server', true, 'Service unavailable', 'The service is unavailable or overloaded (503).', ['Wait, then resubmit the run.', "Check the service's status page."], 503),
  entry('GatewayTimeout', 'timeout', true, 'Gateway timeout', 'The service did not answer its gateway in time (504).', [RESUBMIT, 'If the operation is long, use an asynchronous pattern or smaller pages.'], 504),
  entry('HttpClientError', 'definition', false, 'Request rejected', 'The service rejected the request (4xx).', ["Read the service's message in the action's outputs.", ...EDIT_AND_RESUBMIT]),
  entry('HttpServerError', 'server', true, 'Server error', 'The service failed (5xx).', ['Wait, then resubmit the run.']),
  // No HTTP answer
  entry('RequestTimedOut', 'timeout', true, 'Request timed out', 'The service did not answer within the time limit of a single call (120 s by default).', [RESUBMIT, 'If the operation is long, use an asynchronous pattern or smaller pages.']),
  entry('DnsLookupFailed', 'network', true, 'Name not found', 'The host name of the service could not be resolved.', ["Check the host name in the action or in the connection's base URL.", RESUBMIT]),
  entry('ConnectionRefused', 'network', true, 'Connection refused', 'Nothing answered at the address of the service: it is down or the port is wrong.', ['Check that the service is running and the address and port are right.', RESUBMIT]),
  entry('ConnectionReset', 'network', true, 'Connection lost', 'The network connection to the service was lost before it answered.', [RESUBMIT]),
  entry('TlsHandshakeFailed', 'network', false, 'Secure connection failed', "The secure connection failed: the service's certificate is invalid, expired or for another name.", ["Check the address uses the service's real host name.", "Ask the service's owner to renew or fix its certificate.", RESUBMIT]),
  entry('InvalidClientCertificate', 'definition', false, 'Client certificate unreadable', "The action's client certificate could not be opened: it is not a base64 PKCS#12 (PFX) file, or its password is wrong.", ["Check the pfx and password of the action's ClientCertificate authentication (keep them in secure parameters).", ...EDIT_AND_RESUBMIT]),
  entry('BlockedByNetworkPolicy', 'network', false, 'Address not allowed', 'Brook refused to call this address: it is link-local, a cloud metadata service, or a private network that is not allowed.', ['Use the public address of the service.', 'For a service on your own network, ask the operator to allow its range (allowPrivateNetworks or allowedCidrs).', RESUBMIT]),
  entry('ResponseTooLarge', 'definition', false, 'Answer too large', 'The answer of the service is bigger than the size limit.', ['Ask for less per call (paging, filters, selected fields).', ...EDIT_AND_RESUBMIT]),
  entry('InvalidUrl', 'definition', false, 'Invalid address', 'The address of the call is not a valid http or https URL.', ["Correct the action's URI (or the connection's base URL).", ...EDIT_AND_RESUBMIT]),
  // Flow and engine
  entry('InvalidTemplate', 'expression', false, 'Invalid template', 'An expression could not be processed: a syntax error, a wrong action name, or a value of the wrong type.', ['Check parentheses and quotes, and action names (spaces become underscores, case matters).', "Guard values that can be null with coalesce() or the ?[] operator.", ...EDIT_AND_RESUBMIT]),
  entry('ExpressionEvaluationFailed', 'expression', false, 'Expression failed', "The run's data did not fit an expression (a null property, text where a number was expected, a date format, a division by zero).", ['Add null checks and coalesce() defaults, or guard with isInt()/isFloat().', ...EDIT_AND_RESUBMIT]),
  entry('ContentConversionFailed', 'expression', false, 'Conversion failed', 'A value could not be converted between the types two actions use.', ['Convert explicitly with int(), float(), string(), bool() or json(); use first() for a single item.', ...EDIT_AND_RESUBMIT]),
  entry('MissingRequiredProperty', 'definition', false, 'Missing input', 'A required input of the action is empty.', ['Fill the input (or set the parameter it comes from).', ...EDIT_AND_RESUBMIT]),
  entry('InvalidOperationInput', 'definition', false, 'Invalid input', 'An input of the action does not match the operation it calls.', ["Compare the action's parameters with the operation's inputs.", ...EDIT_AND_RESUBMIT]),
  entry('InvalidDefinition', 'definition', false, 'Invalid flow', 'The flow definition is not valid.', ['Open the flow and fix each problem the checker lists.', 'Save, then resubmit the run.']),
  entry('ActionTimedOut', 'timeout', false, 'Action timed out', 'The action ran longer than its timeout setting.', ["Raise the action's timeout (limit.timeout, ISO 8601) or make the work smaller.", ...EDIT_AND_RESUBMIT]),
  entry('OperationTimedOut', 'timeout', false, 'Run timed out', 'The run exceeded the longest time a run may take.', ['Set explicit timeouts on waits and approvals, or split the work across runs.']),
  entry('WorkflowRunActionRepetitionQuotaExceeded', 'definition', false, 'Too many iterations', 'A loop went over its item limit.', ['Filter the items before the loop, or page through them.', ...EDIT_AND_RESUBMIT]),
  entry('ActionFailed', 'server', false, 'An inner action failed', 'An action inside this Scope, loop or child flow failed; the real error is on that inner action.', ['Open the failed action inside it: its error says what went wrong and how to fix it.', 'Fix that, then resubmit the run.']),
  entry('AuthenticationNotSupported', 'definition', false, 'Authentication not supported', "The action's authentication type is not one Brook can use (for example a managed identity, which needs Azure).", ['Use Basic, Raw, ClientCertificate or ActiveDirectoryOAuth authentication, or call the service through a connection.', ...EDIT_AND_RESUBMIT]),
  entry('Cancelled', 'cancelled', false, 'Cancelled', 'The run was cancelled before the action finished.', ['Resubmit the run if it should still happen.']),
  // Connections
  entry('MissingConnectionReference', 'definition', false, 'No connection reference', 'The action does not say which connection it uses (inputs.host.connection is missing).', ['Open the flow and choose a connection for the action.', 'Save, then resubmit the run.']),
  entry('ConnectionNotConfigured', 'definition', false, 'Connection not configured', 'The action has no connection: the flow was imported without mapping its connection references.', ['Open the flow and choose (or create) a connection for each connection reference.', 'Save, then resubmit the run.']),
  entry('InvalidConnection', 'definition', false, 'Invalid connection', 'The action points at a connection that is not valid for it (deleted, of another connector, or not shared with the flow owner).', ['Open the flow and choose a valid connection for the action.', 'Save, then resubmit the run.']),
  entry('ConnectionNotFound', 'not_found', false, 'Connection not found', 'The connection the action uses was deleted.', ['Create a new connection (Settings, the gear icon, then Connections).', 'Open the flow and choose it for the action.', 'Save, then resubmit the run.']),
  entry('ConnectionAuthorizationFailed', 'authentication', false, 'Connection not authorized', "The connection's credentials are not valid, or the caller may not use the connection.", ['Open Settings (the gear icon), then Connections.', 'Find the connection — it says it is not authenticated — and fix it.', 'Go back to the failed run and click Resubmit.']),
  entry('ConnectionRefreshFailed', 'server', true, 'Token refresh failed', "The connection's access token could not be refreshed because the sign-in service did not answer properly; the connection is kept.", ['Wait a few minutes and resubmit the run; Brook refreshes again on the next call.', 'If it keeps failing, open Settings, then Connections, and verify the connection.']),
  entry('ConnectionSecretsUnreadable', 'server', false, 'Secrets unreadable', "The connection's stored secrets cannot be decrypted with the keys Brook has.", ['Ask the operator to restore the key file or BROOK_SECRET_KEY_PREVIOUS that sealed them.', 'Or enter the credentials again on the Connections page, then resubmit the run.']),
  entry('MailRecipientRejected', 'definition', false, 'Recipient rejected', 'The mail server refused a recipient or the sender address.', ['Check the To, Cc, Bcc and From addresses of the action.', ...EDIT_AND_RESUBMIT]),
  entry('InternalError', 'server', false, 'Internal error', 'Brook failed while running the action.', ['Resubmit the run.', 'If it fails again, report it to the operator with the run id.']),
];

const byCode = new Map(ERROR_CATALOGUE.map((item) => [item.code.toLowerCase(), item]));
const byStatus = new Map(ERROR_CATALOGUE.filter((item) => item.status !== undefined).map((item) => [item.status, item]));

export function catalogueEntry(code: string): CatalogueEntry | undefined {
  return byCode.get(code.toLowerCase());
}

/** The entry for an HTTP status: its own, or the generic 4xx/5xx one. */
export function catalogueEntryForStatus(status: number): CatalogueEntry {
  const own = byStatus.get(status);
  if (own) return own;
  return catalogueEntry(status >= 500 ? 'HttpServerError' : 'HttpClientError')!;
}

export interface ClassifyDetails {
  message?: string;
  status?: number;
  connection?: ConnectionContext;
  retryAfterMs?: number;
}

/** A ClassifiedError for a catalogue code; credential codes get the connection's remedy. */
export function classifiedError(code: string, details: ClassifyDetails = {}): ClassifiedError {
  const item = catalogueEntry(code) ?? catalogueEntry('InternalError')!;
  let remedy = item.remedy;
  if (details.connection && item.category === 'authentication') remedy = authenticationRemedy(details.connection);
  if (details.connection && item.category === 'permission') remedy = permissionRemedy(details.connection);
  const error: ClassifiedError = {
    code: item.code,
    category: item.category,
    message: details.message ?? item.meaning,
    remedy,
    retryable: item.retryable,
  };
  if (details.status !== undefined) error.status = details.status;
  if (details.connection) error.connectionId = details.connection.id;
  if (details.retryAfterMs !== undefined) error.retryAfterMs = details.retryAfterMs;
  return error;
}

// Calling a connector operation by id with the inputs a definition gives
// (OpenApiConnection's flattened `parameters`), over HTTP or, for email, SMTP.
import { classifiedError } from '../classification/catalogue.js';
import { classifyError } from '../classification/classify-error.js';
import type { ConnectorOperation } from '../definitions/types.js';
import { buildOperationRequest } from '../operations/build-request.js';
import type { EmailMessage } from '../smtp/smtp-transport.js';
import type { InvokeOptions, InvokeResult } from './call-result.js';
import { failedWith, invokeWithConnection, noteSuccess, withRecordMask } from './invoke.js';
import { loadConnection, maskFor, secretValuesOf, type LoadedConnection } from './loaded-connection.js';
import type { ConnectionRuntime } from './runtime.js';
import { smtpSettingsOf } from './smtp-settings.js';
import type { TokenRefresher } from './token-refresher.js';

export function findOperation(connection: LoadedConnection, operationId: string): ConnectorOperation | undefined {
  return connection.connector.operations.find((operation) => operation.id === operationId) ?? connection.connector.operations.find((operation) => operation.id.toLowerCase() === operationId.toLowerCase());
}

export async function invokeOperation(
  runtime: ConnectionRuntime,
  refresher: TokenRefresher,
  connectionId: string,
  operationId: string,
  parameters: Record<string, unknown>,
  options: InvokeOptions = {},
): Promise<InvokeResult> {
  let connection: LoadedConnection;
  try {
    connection = await loadConnection(runtime, connectionId);
  } catch (error) {
    return { ...(await failedWith(runtime, null, classifyError(error), { inputs: null, outputs: null })), connectionId };
  }
  return withRecordMask(await callOperation(runtime, refresher, connection, operationId, parameters, options), connection, parameters);
}

async function callOperation(
  runtime: ConnectionRuntime,
  refresher: TokenRefresher,
  connection: LoadedConnection,
  operationId: string,
  parameters: Record<string, unknown>,
  options: InvokeOptions,
): Promise<InvokeResult> {
  const operation = findOperation(connection, operationId);
  if (!operation) {
    const known = connection.connector.operations.map((candidate) => candidate.id).join(', ');
    const message = `Connector ${connection.connector.name} has no operation "${operationId}"; it has ${known || 'none'}.`;
    return failedWith(runtime, connection, classifiedError('InvalidOperationInput', { message, connection: connection.context }), { inputs: null, outputs: null });
  }
  let request;
  try {
    request = buildOperationRequest(operation, parameters);
  } catch (error) {
    return failedWith(runtime, connection, classifyError(error, { connection: connection.context }), { inputs: maskFor(connection)(parameters), outputs: null });
  }
  if (connection.connector.transport === 'smtp') return sendEmail(runtime, connection, request.body as EmailMessage);
  return invokeWithConnection(runtime, refresher, connection, request, options);
}

async function sendEmail(runtime: ConnectionRuntime, connection: LoadedConnection, message: EmailMessage): Promise<InvokeResult> {
  const mask = maskFor(connection);
  const settings = smtpSettingsOf(connection);
  const inputs = mask({ method: 'SEND', uri: settings.url, headers: {}, body: message });
  try {
    const sent = await runtime.smtp.send(settings, message);
    const outputs = { statusCode: 200, headers: {}, body: sent };
    await noteSuccess(runtime, connection);
    return { outcome: 'succeeded', connectionId: connection.record.id, outputs, recorded: { inputs, outputs: mask(outputs) } };
  } catch (error) {
    const classified = classifyError(error, { connection: connection.context, secretValues: secretValuesOf(connection) });
    return failedWith(runtime, connection, classified, { inputs, outputs: null });
  }
}

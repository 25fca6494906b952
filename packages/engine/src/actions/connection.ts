// ApiConnection and OpenApiConnection: calls made through a stored connection. The
// engine hands the request to the ConnectionInvoker (credentials are injected there and
// never seen here) and records which connection was used, so a credential failure is
// linked to its connection.
import type { ActionHandler } from './types.js';
import { failed, succeeded } from './types.js';
import { inputsObject } from './inputs.js';
import { definitionError } from '../run/errors.js';
import { statusCodeName } from '../http/classify.js';
import { idempotencyKey } from '../http/request.js';
import { maskHeaders } from '../run/secure.js';

/** The connection reference an action names, in any of the dialects of Logic Apps and Power Automate. */
export function connectionReferenceOf(host: unknown): string | undefined {
  if (host === null || typeof host !== 'object') return undefined;
  const record = host as Record<string, unknown>;
  const connection = record.connection;
  if (typeof connection === 'string') return connection;
  if (connection && typeof connection === 'object') {
    const c = connection as Record<string, unknown>;
    for (const key of ['referenceName', 'name', 'connectionName']) if (typeof c[key] === 'string') return c[key];
  }
  if (typeof record.connectionName === 'string') return record.connectionName;
  if (typeof record.connectionReferenceName === 'string') return record.connectionReferenceName;
  return undefined;
}

export const connectionAction: ActionHandler = {
  retries: true,
  async run(ctx) {
    const inputs = inputsObject(ctx);
    const recorded = { ...inputs, ...(inputs.headers ? { headers: maskHeaders(inputs.headers as Record<string, string>) } : {}) };
    delete (recorded as Record<string, unknown>).authentication;
    const host = (inputs.host ?? {}) as Record<string, unknown>;
    const reference = connectionReferenceOf(host);
    const deps = ctx.run.deps;
    if (!reference) return failed(definitionError(`Action '${ctx.action.name}' does not name its connection (inputs.host.connection).`, 'MissingConnectionReference'), recorded);
    if (!deps.connections) {
      return failed(definitionError(`Action '${ctx.action.name}' calls a service through the connection '${reference}', and connections are only available on a Brook server.`, 'ConnectionNotAvailable'), recorded);
    }
    const result = await deps.connections.invoke({
      actionType: ctx.action.typeName,
      connectionReference: reference,
      host,
      ...(typeof inputs.method === 'string' ? { method: inputs.method } : {}),
      ...(typeof inputs.path === 'string' ? { path: inputs.path } : {}),
      ...(inputs.queries && typeof inputs.queries === 'object' ? { queries: inputs.queries as Record<string, unknown> } : {}),
      ...(inputs.headers && typeof inputs.headers === 'object' ? { headers: inputs.headers as Record<string, string> } : {}),
      ...(inputs.body !== undefined ? { body: inputs.body } : {}),
      ...(typeof host.operationId === 'string' ? { operationId: host.operationId } : {}),
      ...(inputs.parameters && typeof inputs.parameters === 'object' ? { parameters: inputs.parameters as Record<string, unknown> } : {}),
      flowId: ctx.run.run.flowId,
      flowVersion: ctx.run.run.flowVersion,
      runId: ctx.run.id,
      actionName: ctx.action.name,
      idempotencyKey: idempotencyKey(ctx.run.id, ctx.key),
      timeoutMs: deps.httpTimeoutMs,
      signal: ctx.signal,
    });
    const masked = result.hide ? { hide: result.hide } : {};
    if (result.ok) {
      const outcome = succeeded(recorded, { statusCode: result.status, headers: result.headers, body: result.body }, statusCodeName(result.status));
      return { ...outcome, connectionId: result.connectionId, ...masked };
    }
    const outputs = result.status !== undefined ? { statusCode: result.status, headers: result.headers ?? {}, body: result.body ?? null } : null;
    const connectionId = result.connectionId ?? result.error.connectionId ?? null;
    const error = connectionId ? { ...result.error, connectionId } : result.error;
    return { ...failed(error, recorded, outputs), connectionId, ...masked };
  },
};

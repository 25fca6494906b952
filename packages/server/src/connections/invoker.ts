// The engine's ConnectionInvoker: finds which of Brook's connections an action's
// connection reference means for its flow, checks that the flow's owners may use it, and
// makes the call through the connection service (credentials are added there, never here).
import { classifiedError, type ConnectionManager, type InvokeResult } from '@brook/connectors';
import type { ConnectionCallRequest, ConnectionCallResult, ConnectionInvoker } from '@brook/engine';
import type { PlatformStore } from '@brook/store';
import type { ClassifiedError } from '@brook/wdl';

const CACHE_MS = 2000;

function notConfigured(reference: string, flowId: string): ClassifiedError {
  return {
    code: 'ConnectionNotConfigured',
    category: 'definition',
    message: `The flow uses the connection reference '${reference}', which is not set to one of your connections.`,
    remedy: {
      summary: `Choose a connection for '${reference}' in the flow.`,
      steps: [`Open the flow (/flows/${flowId}) and, under Connections, choose a connection for '${reference}'.`, 'Resubmit the failed runs.'],
    },
  };
}

/** "/subscriptions/…/connections/orders" → "orders". */
const lastSegment = (value: string): string => value.split('/').filter(Boolean).pop() ?? value;

export class FlowConnectionInvoker implements ConnectionInvoker {
  private readonly access = new Map<string, { at: number; map: Record<string, string>; people: Set<string> }>();

  constructor(
    private readonly platform: PlatformStore,
    private readonly manager: ConnectionManager,
    private readonly now: () => number = Date.now,
  ) {}

  async invoke(request: ConnectionCallRequest): Promise<ConnectionCallResult> {
    const connectionId = await this.resolve(request.flowId, request.connectionReference);
    if (!connectionId) return { ok: false, error: notConfigured(request.connectionReference, request.flowId) };
    const options = { idempotencyKey: request.idempotencyKey, signal: request.signal, timeoutMs: request.timeoutMs };
    let result: InvokeResult;
    try {
      result = request.operationId
        ? await this.manager.invokeOperation(connectionId, request.operationId, request.parameters ?? {}, options)
        : await this.manager.invoke(
            connectionId,
            {
              method: (request.method ?? 'GET').toUpperCase(),
              path: request.path ?? '/',
              ...(request.queries ? { query: request.queries } : {}),
              ...(request.headers ? { headers: request.headers } : {}),
              ...(request.body !== undefined ? { body: request.body } : {}),
            },
            options,
          );
    } catch (error) {
      return { ok: false, connectionId, error: classifiedError('InternalError', { message: error instanceof Error ? error.message : String(error) }) };
    }
    if (result.outcome === 'succeeded') return { ok: true, connectionId, status: result.outputs.statusCode, headers: result.outputs.headers, body: result.outputs.body };
    return {
      ok: false,
      connectionId,
      error: { ...result.error, connectionId },
      ...(result.outputs ? { status: result.outputs.statusCode, headers: result.outputs.headers, body: result.outputs.body } : {}),
    };
  }

  /** The connection the reference means, when the flow's owners may use it. */
  private async resolve(flowId: string, reference: string): Promise<string | null> {
    const { map, people } = await this.flowAccess(flowId);
    const candidate = map[reference] ?? map[lastSegment(reference)] ?? reference;
    const connection = await this.platform.connections.get(candidate);
    if (!connection) return null;
    if (people.has(connection.ownerId)) return connection.id;
    const shares = (await this.platform.connections.sharesOf([connection.id])).get(connection.id) ?? [];
    return shares.some((userId) => people.has(userId)) ? connection.id : null;
  }

  private async flowAccess(flowId: string): Promise<{ map: Record<string, string>; people: Set<string> }> {
    const cached = this.access.get(flowId);
    if (cached && this.now() - cached.at < CACHE_MS) return cached;
    const [settings, entries] = await Promise.all([this.platform.flowSettings.get(flowId), this.platform.flowAccess.listForFlows([flowId])]);
    const fresh = { at: this.now(), map: settings?.connectionMap ?? {}, people: new Set(entries.map((entry) => entry.userId)) };
    if (this.access.size > 5000) this.access.clear();
    this.access.set(flowId, fresh);
    return fresh;
  }
}

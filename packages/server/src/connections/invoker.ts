// The engine's ConnectionInvoker: finds which of Brook's connections an action's
// connection reference means in the flow version the run executes, checks that the flow's
// owners may use it, and makes the call through the connection service (credentials are
// added there, never here).
import { classifiedError, type ConnectionManager, type InvokeResult } from '@brook/connectors';
import type { ConnectionCallRequest, ConnectionCallResult, ConnectionInvoker } from '@brook/engine';
import type { FlowRepository, PlatformStore } from '@brook/store';
import type { ClassifiedError } from '@brook/wdl';

/** Who may use a connection changes at any time (sharing, co-owners): looked up again after this long. */
const ACCESS_CACHE_MS = 2000;
/** Entries kept per cache before it starts over. */
const CACHE_LIMIT = 5000;

/** A new choice of connection is a new flow version: only a whole-run resubmit uses it. */
const RESUBMIT_WHOLE = 'Resubmit the failed runs from the start (a resubmit from an action keeps the connections of the version it ran on).';

function notConfigured(reference: string, flowId: string): ClassifiedError {
  return {
    code: 'ConnectionNotConfigured',
    category: 'definition',
    message: `The flow uses the connection reference '${reference}', which is not set to one of your connections.`,
    remedy: {
      summary: `Choose a connection for '${reference}' in the flow.`,
      steps: [`Open the flow (/flows/${flowId}) and, under Connections, choose a connection for '${reference}'.`, RESUBMIT_WHOLE],
    },
  };
}

function connectionDeleted(reference: string, flowId: string): ClassifiedError {
  return {
    code: 'ConnectionNotFound',
    category: 'not_found',
    message: `The connection the flow uses for '${reference}' was deleted.`,
    remedy: {
      summary: `Create a connection for '${reference}' and choose it in the flow.`,
      steps: ['Open Settings (the gear icon), then Connections, and create the connection again.', `Open the flow (/flows/${flowId}) and, under Connections, choose it for '${reference}'.`, RESUBMIT_WHOLE],
    },
  };
}

function notUsable(reference: string, flowId: string): ClassifiedError {
  return {
    code: 'InvalidConnection',
    category: 'definition',
    message: `The connection the flow uses for '${reference}' is not one its owners may use (it is no longer shared with them).`,
    remedy: {
      summary: `Choose a connection of the flow's owners for '${reference}'.`,
      steps: [`Ask the connection's owner to share it again, or open the flow (/flows/${flowId}) and choose one of your connections for '${reference}'.`, RESUBMIT_WHOLE],
    },
  };
}

type Resolution = { ok: true; connectionId: string } | { ok: false; error: ClassifiedError };

/** "/subscriptions/…/connections/orders" → "orders". */
const lastSegment = (value: string): string => value.split('/').filter(Boolean).pop() ?? value;

export class FlowConnectionInvoker implements ConnectionInvoker {
  /** `flowId@version` → mapping. A saved version never changes, so its mapping is kept without expiry. */
  private readonly mappings = new Map<string, Record<string, string>>();
  /** flowId → the flow's owners and co-owners, briefly. */
  private readonly access = new Map<string, { at: number; people: Set<string> }>();

  constructor(
    private readonly platform: PlatformStore,
    private readonly flows: Pick<FlowRepository, 'getVersion'>,
    private readonly manager: ConnectionManager,
    private readonly now: () => number = Date.now,
  ) {}

  async invoke(request: ConnectionCallRequest): Promise<ConnectionCallResult> {
    // A connection that is not usable may have been shared a moment ago: look again before failing.
    let resolution = await this.resolve(request, false);
    if (!resolution.ok) resolution = await this.resolve(request, true);
    if (!resolution.ok) return { ok: false, error: resolution.error };
    const { connectionId } = resolution;
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
    const hide = result.hide ? { hide: result.hide } : {};
    if (result.outcome === 'succeeded') return { ok: true, connectionId, status: result.outputs.statusCode, headers: result.outputs.headers, body: result.outputs.body, ...hide };
    return {
      ok: false,
      connectionId,
      ...hide,
      error: { ...result.error, connectionId },
      ...(result.outputs ? { status: result.outputs.statusCode, headers: result.outputs.headers, body: result.outputs.body } : {}),
    };
  }

  /** The connection the reference means in the run's flow version, when the flow's owners may use it. */
  private async resolve(request: Pick<ConnectionCallRequest, 'flowId' | 'flowVersion' | 'connectionReference'>, fresh: boolean): Promise<Resolution> {
    const { flowId, connectionReference: reference } = request;
    const [map, people] = await Promise.all([this.mappingOf(flowId, request.flowVersion), this.peopleOf(flowId, fresh)]);
    const mapped = map[reference] ?? map[lastSegment(reference)];
    // Unmapped, a reference may name a connection directly (its id).
    const connection = await this.platform.connections.get(mapped ?? reference);
    if (!connection) return { ok: false, error: mapped ? connectionDeleted(reference, flowId) : notConfigured(reference, flowId) };
    if (people.has(connection.ownerId)) return { ok: true, connectionId: connection.id };
    const shares = (await this.platform.connections.sharesOf([connection.id])).get(connection.id) ?? [];
    if (shares.some((userId) => people.has(userId))) return { ok: true, connectionId: connection.id };
    return { ok: false, error: mapped ? notUsable(reference, flowId) : notConfigured(reference, flowId) };
  }

  private async mappingOf(flowId: string, flowVersion: number): Promise<Record<string, string>> {
    const key = `${flowId}@${flowVersion}`;
    const cached = this.mappings.get(key);
    if (cached) return cached;
    const version = await this.flows.getVersion(flowId, flowVersion);
    // A version that is gone (its flow was deleted) maps nothing; it is not remembered.
    if (!version) return {};
    if (this.mappings.size >= CACHE_LIMIT) this.mappings.clear();
    this.mappings.set(key, version.connections);
    return version.connections;
  }

  private async peopleOf(flowId: string, reload: boolean): Promise<Set<string>> {
    const cached = this.access.get(flowId);
    if (cached && !reload && this.now() - cached.at < ACCESS_CACHE_MS) return cached.people;
    const entries = await this.platform.flowAccess.listForFlows([flowId]);
    const people = new Set(entries.map((entry) => entry.userId));
    if (this.access.size >= CACHE_LIMIT) this.access.clear();
    this.access.set(flowId, { at: this.now(), people });
    return people;
  }
}

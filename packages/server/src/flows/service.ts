// Changing flows: create (with owner, trigger key, and version 1 with its connection
// mapping), update (a new version when the definition or the mapping changed: the mapping is
// part of what a version does, as saving a flow in Power Automate), enable/disable, delete,
// sharing with co-owners.
import type { WorkflowDefinition } from '@brook/wdl';
import type { FlowRecord } from '@brook/store';
import type { ServerContext } from '../app/context.js';
import { isAdmin, type Caller } from '../accounts/caller.js';
import { ApiError, conflict, notFound } from '../http/errors.js';
import { newTriggerKey } from '../hooks/signature.js';
import { enabledAtKey } from '../notifications/daily-duties.js';

/** Keeps a flow's schedule timers in step with its definition and whether it is on. */
export interface ScheduleSync {
  sync(flowId: string, definition: WorkflowDefinition, enabled: boolean): Promise<void>;
}

export interface NewFlowInput {
  name: string;
  description?: string;
  definition: WorkflowDefinition;
  connections?: Record<string, string>;
}

export class FlowService {
  constructor(
    private readonly context: ServerContext,
    private readonly schedules: ScheduleSync,
    /** Told about every change (webhook lookups cache flows). */
    private readonly onChanged: (flowId: string) => void = () => undefined,
  ) {}

  /** Checks that the caller may use each mapped connection (owner, shared with them, or admin). */
  async checkConnections(caller: Caller, connections: Record<string, string> | undefined): Promise<void> {
    if (!connections) return;
    const ids = Object.values(connections);
    const found = await this.context.platform.connections.getMany(ids);
    const shares = await this.context.platform.connections.sharesOf(ids);
    for (const [reference, connectionId] of Object.entries(connections)) {
      const connection = found.find((c) => c.id === connectionId);
      const usable = connection && (isAdmin(caller) || connection.ownerId === caller.user.id || (shares.get(connection.id) ?? []).includes(caller.user.id));
      if (!usable) {
        throw new ApiError(400, 'ValidationFailed', `The connection ${connectionId} for '${reference}' was not found among the connections you may use.`, [
          { path: `/connections/${reference}`, message: 'no such connection for you' },
        ]);
      }
    }
  }

  async create(caller: Caller, input: NewFlowInput): Promise<FlowRecord> {
    await this.checkConnections(caller, input.connections);
    const { flows, platform, now } = this.context;
    const at = now();
    const flow = await flows.createFlow({
      name: input.name,
      description: input.description ?? '',
      ownerId: caller.user.id,
      definition: input.definition,
      connections: input.connections ?? {},
      createdBy: caller.user.id,
      now: at,
    });
    await platform.flowAccess.setOwner(flow.id, caller.user.id, at);
    await platform.flowSettings.create({ flowId: flow.id, triggerKey: newTriggerKey() }, at);
    await platform.values.set(enabledAtKey(flow.id), String(at), at);
    await this.schedules.sync(flow.id, input.definition, flow.enabled);
    await this.context.audit(caller, 'flow.create', `flow:${flow.id}`, { name: flow.name });
    return flow;
  }

  async update(caller: Caller, flow: FlowRecord, input: Partial<NewFlowInput>): Promise<FlowRecord> {
    await this.checkConnections(caller, input.connections);
    const { flows, now } = this.context;
    let current = flow;
    if (input.name !== undefined || input.description !== undefined) {
      current = (await flows.updateFlow(flow.id, { name: input.name, description: input.description }, now())) ?? current;
    }
    if (input.definition !== undefined || input.connections !== undefined) {
      // The new version's mapping is the previous one's with these entries; nothing changed, no version.
      const revised = await flows.reviseVersion(flow.id, { definition: input.definition, connections: input.connections }, caller.user.id, now());
      if (revised?.created) {
        current = (await flows.getFlow(flow.id)) ?? current;
        if (JSON.stringify(revised.previous?.definition) !== JSON.stringify(revised.version.definition)) {
          await this.schedules.sync(flow.id, revised.version.definition, current.enabled);
        }
      }
    }
    this.onChanged(flow.id);
    await this.context.audit(caller, 'flow.update', `flow:${flow.id}`, { version: current.currentVersion, renamed: input.name !== undefined });
    return current;
  }

  async setEnabled(caller: Caller | null, flow: FlowRecord, enabled: boolean): Promise<FlowRecord> {
    const { flows, platform, now } = this.context;
    const updated = (await flows.updateFlow(flow.id, { enabled }, now())) ?? flow;
    if (enabled && !flow.enabled) await platform.values.set(enabledAtKey(flow.id), String(now()), now());
    const version = await flows.getVersion(flow.id, updated.currentVersion);
    await this.schedules.sync(flow.id, version?.definition ?? {}, enabled);
    this.onChanged(flow.id);
    await this.context.audit(caller, enabled ? 'flow.enable' : 'flow.disable', `flow:${flow.id}`);
    return updated;
  }

  /** Deletes the flow; its waiting and running runs are cancelled, finished runs stay in history. */
  async delete(caller: Caller, flow: FlowRecord): Promise<void> {
    const { flows, platform, database, runStore, now } = this.context;
    const active = await database.db.selectFrom('runs').select('id').where('flow_id', '=', flow.id).where('status', 'in', ['Waiting', 'Running']).execute();
    for (const run of active) await runStore.requestCancel(run.id, now());
    await this.schedules.sync(flow.id, {}, false);
    await flows.deleteFlow(flow.id);
    await platform.flowSettings.delete(flow.id);
    await platform.flowAccess.removeFlow(flow.id);
    this.onChanged(flow.id);
    await this.context.audit(caller, 'flow.delete', `flow:${flow.id}`, { name: flow.name, cancelledRuns: active.length });
  }

  async addCoOwner(caller: Caller, flow: FlowRecord, userId: string): Promise<void> {
    const user = await this.context.platform.users.findById(userId);
    if (!user) throw new ApiError(400, 'ValidationFailed', `There is no user ${userId}.`, [{ path: '/userId', message: 'no such user' }]);
    const role = await this.context.platform.flowAccess.roleOf(flow.id, userId);
    if (role === 'owner') return;
    await this.context.platform.flowAccess.addCoOwner(flow.id, userId, this.context.now());
    await this.context.audit(caller, 'flow.share', `flow:${flow.id}`, { userId });
  }

  async removeCoOwner(caller: Caller, flow: FlowRecord, userId: string): Promise<void> {
    const role = await this.context.platform.flowAccess.roleOf(flow.id, userId);
    if (role === 'owner') throw conflict('The owner of a flow cannot be removed from it.');
    if (role === undefined) throw notFound('That co-owner');
    await this.context.platform.flowAccess.removeCoOwner(flow.id, userId);
    await this.context.audit(caller, 'flow.unshare', `flow:${flow.id}`, { userId });
  }

  async regenerateKey(caller: Caller, flow: FlowRecord): Promise<void> {
    await this.context.platform.flowSettings.setTriggerKey(flow.id, newTriggerKey(), this.context.now());
    this.onChanged(flow.id);
    await this.context.audit(caller, 'flow.regenerate-key', `flow:${flow.id}`);
  }
}

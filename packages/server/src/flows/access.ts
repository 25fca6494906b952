// Who may see a flow: administrators see all; makers see the flows they own or co-own.
// Anything else is answered 404, so flow ids do not leak.
import type { FlowRecord, FlowRepository, PlatformStore } from '@brook/store';
import { isAdmin, type Caller } from '../accounts/caller.js';
import { notFound } from '../http/errors.js';

export class FlowGuard {
  constructor(
    private readonly flows: FlowRepository,
    private readonly platform: PlatformStore,
  ) {}

  /** The ids of the flows the caller may see; undefined means all (administrators). */
  async visibleFlowIds(caller: Caller): Promise<string[] | undefined> {
    if (isAdmin(caller)) return undefined;
    return this.platform.flowAccess.flowIdsForUser(caller.user.id);
  }

  async canSee(caller: Caller, flowId: string): Promise<boolean> {
    if (isAdmin(caller)) return true;
    return (await this.platform.flowAccess.roleOf(flowId, caller.user.id)) !== undefined;
  }

  /** The flow, when the caller may see it; 404 otherwise. */
  async require(caller: Caller, flowId: string): Promise<FlowRecord> {
    const flow = (await this.canSee(caller, flowId)) ? await this.flows.getFlow(flowId) : null;
    if (!flow) throw notFound('The flow');
    return flow;
  }
}

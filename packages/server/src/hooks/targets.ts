// What a webhook call needs to know about its flow, cached briefly so the hot path does
// not read the flow, its settings and its definition on every call. Changes made in this
// process invalidate the entry at once; changes from other processes show within the TTL.
import type { WorkflowDefinition } from '@brook/wdl';
import type { FlowRepository, PlatformStore } from '@brook/store';
import { hasResponseAction, triggersOf, type TriggerSummary } from '../flows/definitions.js';
import { hookSignature } from './signature.js';

export interface HookTarget {
  flowId: string;
  enabled: boolean;
  version: number;
  /** With the signature their callback URLs carry (computed once per load, not per call). */
  triggers: (TriggerSummary & { signature: string })[];
  definition: WorkflowDefinition;
  hasResponse: boolean;
}

export class HookTargets {
  private readonly cache = new Map<string, { target: HookTarget | null; at: number }>();

  constructor(
    private readonly flows: FlowRepository,
    private readonly platform: PlatformStore,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = 2000,
  ) {}

  async get(flowId: string): Promise<HookTarget | null> {
    const cached = this.cache.get(flowId);
    if (cached && this.now() - cached.at < this.ttlMs) return cached.target;
    const target = await this.load(flowId);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(flowId, { target, at: this.now() });
    return target;
  }

  invalidate(flowId: string): void {
    this.cache.delete(flowId);
  }

  private async load(flowId: string): Promise<HookTarget | null> {
    const [flow, settings] = await Promise.all([this.flows.getFlow(flowId), this.platform.flowSettings.get(flowId)]);
    if (!flow || !settings) return null;
    const version = await this.flows.getVersion(flow.id, flow.currentVersion);
    if (!version) return null;
    return {
      flowId: flow.id,
      enabled: flow.enabled,
      version: flow.currentVersion,
      triggers: triggersOf(version.definition).map((trigger) => ({ ...trigger, signature: hookSignature(settings.triggerKey, flow.id, trigger.name) })),
      definition: version.definition,
      hasResponse: hasResponseAction(version.definition),
    };
  }
}

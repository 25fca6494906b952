// Compiled plans per flow version: definitions never change once saved, so a plan is
// compiled once per process and reused by every run of that version.
import type { FlowVersionRecord, RunStore } from '../ports.js';
import { compilePlan, type FlowPlan } from './plan.js';

export class PlanCache {
  private readonly plans = new Map<string, FlowPlan>();

  constructor(private readonly limit = 500) {}

  forVersion(version: FlowVersionRecord): FlowPlan {
    const key = `${version.flowId}@${version.version}`;
    let plan = this.plans.get(key);
    if (!plan) {
      plan = compilePlan(version.definition);
      if (this.plans.size >= this.limit) this.plans.delete(this.plans.keys().next().value!);
      this.plans.set(key, plan);
    }
    return plan;
  }

  async load(store: RunStore, flowId: string, version: number): Promise<FlowPlan | null> {
    const cached = this.plans.get(`${flowId}@${version}`);
    if (cached) return cached;
    const record = await store.getFlowVersion(flowId, version);
    return record ? this.forVersion(record) : null;
  }
}

// A RunStore in memory: the engine's reference implementation of the port, used by
// tests and the in-memory benchmark. Same contract as @brook/store, no durability.
import { randomUUID } from 'node:crypto';
import type { WorkflowDefinition } from '@brook/wdl';
import type { ActionRecord, CheckpointResult, FlowVersionRecord, LeaseRenewal, NewRun, RunRecord, RunStore, RunWrite, ScheduleTimer } from './ports.js';

const clone = <T>(value: T): T => (value === undefined ? value : structuredClone(value));

export class MemoryRunStore implements RunStore {
  private readonly runs = new Map<string, RunRecord>();
  private readonly actions = new Map<string, Map<string, ActionRecord>>();
  private readonly versions = new Map<string, FlowVersionRecord>();
  private readonly current = new Map<string, number>();
  private readonly wakes = new Map<string, number>();
  private readonly schedules = new Map<string, ScheduleTimer>();
  private waiters = new Set<() => void>();
  /** Skip copying records on write (benchmarks: nothing else holds them). */
  constructor(private readonly copy = true) {}

  /** Registers a flow version with its connection mapping (and makes it current); returns it. */
  addFlowVersion(flowId: string, definition: WorkflowDefinition, version = (this.current.get(flowId) ?? 0) + 1, connections: Record<string, string> = {}): FlowVersionRecord {
    const record: FlowVersionRecord = { flowId, version, definition, connections: { ...connections }, createdAt: Date.now(), createdBy: null };
    this.versions.set(`${flowId}@${version}`, record);
    this.current.set(flowId, Math.max(version, this.current.get(flowId) ?? 0));
    return record;
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  async createRun(run: NewRun): Promise<RunRecord> {
    const id = run.id ?? `run_${randomUUID().replace(/-/g, '')}`;
    const existing = this.runs.get(id);
    if (existing) return clone(existing);
    const record: RunRecord = {
      id,
      flowId: run.flowId,
      flowVersion: run.flowVersion,
      status: 'Waiting',
      triggerName: run.triggerName,
      triggerOutputs: clone(run.triggerOutputs),
      outputs: null,
      response: null,
      error: null,
      failedAction: null,
      connectionIds: [],
      variables: clone(run.variables ?? {}),
      clientTrackingId: run.clientTrackingId ?? null,
      createdAt: run.createdAt,
      startedAt: null,
      endedAt: null,
      resubmittedFrom: run.resubmittedFrom ?? null,
      resubmitMode: run.resubmitMode ?? null,
      resubmitFromAction: run.resubmitFromAction ?? null,
      parentRunId: run.parentRunId ?? null,
      parentActionKey: run.parentActionKey ?? null,
      leaseOwner: run.claim?.owner ?? null,
      leaseExpiresAt: run.claim ? run.createdAt + run.claim.leaseMs : null,
      cancelRequested: false,
      wakeAt: null,
      suspended: false,
    };
    this.runs.set(id, record);
    const actions = new Map<string, ActionRecord>();
    for (const action of run.copiedActions ?? []) actions.set(action.key, { ...clone(action), runId: id });
    this.actions.set(id, actions);
    if (!run.claim) this.notify();
    return clone(record);
  }

  async getRun(runId: string): Promise<RunRecord | null> {
    const run = this.runs.get(runId);
    return run ? clone(run) : null;
  }

  async loadRun(runId: string): Promise<{ run: RunRecord; actions: ActionRecord[] } | null> {
    const run = this.runs.get(runId);
    if (!run) return null;
    const actions = [...(this.actions.get(runId)?.values() ?? [])].sort((a, b) => a.seq - b.seq || a.key.localeCompare(b.key));
    return { run: clone(run), actions: clone(actions) };
  }

  async getAction(runId: string, key: string): Promise<ActionRecord | null> {
    const action = this.actions.get(runId)?.get(key);
    return action ? clone(action) : null;
  }

  async getFlowVersion(flowId: string, version: number): Promise<FlowVersionRecord | null> {
    return this.versions.get(`${flowId}@${version}`) ?? null;
  }

  async getCurrentFlowVersion(flowId: string): Promise<FlowVersionRecord | null> {
    const version = this.current.get(flowId);
    return version === undefined ? null : (this.versions.get(`${flowId}@${version}`) ?? null);
  }

  async claimRuns(owner: string, limit: number, leaseMs: number, now: number): Promise<RunRecord[]> {
    const claimed: RunRecord[] = [];
    for (const run of [...this.runs.values()].sort((a, b) => a.createdAt - b.createdAt)) {
      if (claimed.length >= limit) break;
      if ((run.status === 'Waiting' || run.status === 'Running') && !run.suspended && (run.leaseExpiresAt === null || run.leaseExpiresAt < now)) {
        run.leaseOwner = owner;
        run.leaseExpiresAt = now + leaseMs;
        claimed.push(clone(run));
      }
    }
    return claimed;
  }

  async renewLeases(owner: string, runIds: string[], leaseMs: number, now: number): Promise<LeaseRenewal> {
    const result: LeaseRenewal = { lost: [], cancelRequested: [] };
    for (const id of runIds) {
      const run = this.runs.get(id);
      if (!run || run.leaseOwner !== owner) {
        result.lost.push(id);
        continue;
      }
      run.leaseExpiresAt = now + leaseMs;
      if (run.cancelRequested) result.cancelRequested.push(id);
    }
    return result;
  }

  async checkpoint(writes: RunWrite[]): Promise<CheckpointResult> {
    const rejected: string[] = [];
    let woke = false;
    for (const write of writes) {
      const run = this.runs.get(write.runId);
      if (!run || run.leaseOwner !== write.leaseOwner) {
        rejected.push(write.runId);
        continue;
      }
      const actions = this.actions.get(write.runId)!;
      for (const action of write.actions) actions.set(action.key, this.copy ? clone(action) : action);
      if (write.variables) run.variables = this.copy ? clone(write.variables) : write.variables;
      const update = write.run;
      if (!update) continue;
      if (update.status !== undefined) run.status = update.status;
      if (update.startedAt !== undefined) run.startedAt = update.startedAt;
      if (update.endedAt !== undefined) run.endedAt = update.endedAt;
      if (update.outputs !== undefined) run.outputs = clone(update.outputs);
      if (update.response !== undefined) run.response = clone(update.response);
      if (update.error !== undefined) run.error = clone(update.error);
      if (update.failedAction !== undefined) run.failedAction = update.failedAction;
      if (update.connectionIds !== undefined) run.connectionIds = [...update.connectionIds];
      if (update.suspend) {
        run.suspended = true;
        run.wakeAt = update.suspend.until;
        run.leaseOwner = null;
        run.leaseExpiresAt = null;
        if (update.suspend.until === null) this.wakes.delete(run.id);
        else this.wakes.set(run.id, update.suspend.until);
        woke = true;
      } else if (update.release) {
        run.leaseOwner = null;
        run.leaseExpiresAt = null;
        woke = true;
      }
    }
    if (woke) this.notify();
    return { rejected };
  }

  async requestCancel(runId: string, now: number): Promise<RunRecord | null> {
    const run = this.runs.get(runId);
    if (!run) return null;
    run.cancelRequested = true;
    if (run.status === 'Waiting' && (run.leaseOwner === null || (run.leaseExpiresAt ?? 0) < now)) {
      run.status = 'Cancelled';
      run.endedAt = now;
      run.leaseOwner = null;
      run.leaseExpiresAt = null;
    }
    if (run.suspended) {
      run.suspended = false;
      run.wakeAt = null;
      this.wakes.delete(runId);
    }
    this.notify();
    return clone(run);
  }

  async wakeDueRuns(now: number, limit: number): Promise<number> {
    let count = 0;
    for (const [id, at] of [...this.wakes].sort((a, b) => a[1] - b[1])) {
      if (count >= limit || at > now) break;
      this.wakes.delete(id);
      const run = this.runs.get(id);
      if (run?.suspended) {
        run.suspended = false;
        run.wakeAt = null;
        count += 1;
      }
    }
    if (count > 0) this.notify();
    return count;
  }

  async wakeRun(runId: string, actionKey?: string, state?: unknown): Promise<void> {
    if (actionKey !== undefined && state !== undefined) {
      const action = this.actions.get(runId)?.get(actionKey);
      if (action) action.state = clone(state);
    }
    const run = this.runs.get(runId);
    if (run?.suspended) {
      run.suspended = false;
      run.wakeAt = null;
      this.wakes.delete(runId);
    }
    this.notify();
  }

  waitForWork(timeoutMs: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
    });
  }

  async upsertScheduleTimer(timer: ScheduleTimer): Promise<void> {
    this.schedules.set(timer.key, { ...timer });
  }

  async deleteScheduleTimers(flowId: string): Promise<void> {
    for (const [key, timer] of this.schedules) if (timer.flowId === flowId) this.schedules.delete(key);
  }

  async dueScheduleTimers(now: number, limit: number): Promise<ScheduleTimer[]> {
    return [...this.schedules.values()].filter((t) => t.fireAt <= now).sort((a, b) => a.fireAt - b.fireAt).slice(0, limit).map((t) => ({ ...t }));
  }

  async fireScheduleTimer(key: string, fireAt: number, nextFireAt: number | null, run: NewRun): Promise<RunRecord | null> {
    const timer = this.schedules.get(key);
    if (!timer || timer.fireAt !== fireAt) return null;
    if (nextFireAt === null) this.schedules.delete(key);
    else timer.fireAt = nextFireAt;
    return this.createRun(run);
  }
}

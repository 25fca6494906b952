// Turns finished runs into what people need to know: a failing flow is announced once
// (until a run of it succeeds), and runs broken by a connection's credentials are linked
// to that connection so they can be counted and resubmitted together.
import type { Logger } from 'pino';
import type { FlowRepository, PlatformStore, RunQueries, RunRecord } from '@brook/store';
import { flowFailingNotice } from './messages.js';
import type { Notifier } from './notifier.js';

export const flowFailingCause = (flowId: string): string => `flow-failing:${flowId}`;

/** Categories that mean "the connection's credentials are the problem". */
const CREDENTIAL_CATEGORIES = new Set(['authentication', 'permission']);

export class FailureWatch {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly deps: { platform: PlatformStore; flows: FlowRepository; runs: Pick<RunQueries, 'listRuns'>; notifier: Notifier; logger: Logger; now: () => number },
  ) {}

  /** Called for every run change; acts on finished runs. Never throws. */
  observe(run: RunRecord): void {
    if (run.status !== 'Failed' && run.status !== 'Succeeded') return;
    const work = this.handle(run).catch((error: unknown) => this.deps.logger.error({ err: error, runId: run.id }, 'could not process a finished run for notifications'));
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private async handle(run: RunRecord): Promise<void> {
    const { platform, flows, notifier, now } = this.deps;
    if (run.status === 'Succeeded') {
      await notifier.resolve(flowFailingCause(run.flowId));
      return;
    }
    if (run.error && CREDENTIAL_CATEGORIES.has(run.error.category)) {
      for (const connectionId of new Set([...run.connectionIds, ...(run.error.connectionId ? [run.error.connectionId] : [])])) {
        await platform.connectionFailures.record({
          runId: run.id,
          connectionId,
          flowId: run.flowId,
          actionName: run.failedAction ?? '',
          category: run.error.category,
          status: run.error.status ?? null,
          failedAt: run.endedAt ?? now(),
        });
      }
    }
    const settings = await platform.flowSettings.get(run.flowId);
    if (settings && !settings.failureAlerts) return;
    const flow = await flows.getFlow(run.flowId);
    if (!flow) return;
    const people = (await platform.flowAccess.listForFlows([flow.id])).map((entry) => entry.userId);
    await this.closeIfSucceededSince(flowFailingCause(flow.id), flow.id);
    await notifier.raise(flowFailingCause(flow.id), people, flowFailingNotice(flow, run));
  }

  /**
   * A success seen by another process may not have closed the cause (each process looks
   * at open causes only now and then): a success since the cause opened means it was fixed,
   * so this failure is news again.
   */
  private async closeIfSucceededSince(cause: string, flowId: string): Promise<void> {
    const open = (await this.deps.platform.notifications.openCauses()).filter((entry) => entry.cause === cause);
    if (open.length === 0) return;
    const openedAt = Math.min(...open.map((entry) => entry.openedAt));
    const succeeded = await this.deps.runs.listRuns({ flowId, status: 'Succeeded', from: openedAt, limit: 1 });
    if (succeeded.items.length > 0) await this.deps.platform.notifications.closeCause(cause);
  }
}

// Resubmit and cancel through the run store alone: a whole-run resubmit is a new run with
// the same trigger outputs on the flow's current version; cancelling asks the run's
// worker to stop (or cancels a run that has not started at once).
import type { RunStore } from '@brook/engine';
import type { RunEngineControl, ResubmitOutcome } from './control.js';

export class StoreRunControl implements RunEngineControl {
  constructor(
    private readonly runStore: Pick<RunStore, 'createRun' | 'getCurrentFlowVersion' | 'requestCancel'>,
    private readonly now: () => number = Date.now,
  ) {}

  async resubmit(run: Parameters<RunEngineControl['resubmit']>[0], options: { fromAction?: string }): Promise<ResubmitOutcome> {
    if (options.fromAction) return { ok: false, reason: 'Resubmitting from an action needs the run engine, which this process does not run.' };
    const version = await this.runStore.getCurrentFlowVersion(run.flowId);
    if (!version) return { ok: false, reason: 'The flow of this run no longer exists.' };
    const created = await this.runStore.createRun({
      flowId: run.flowId,
      flowVersion: version.version,
      triggerName: run.triggerName,
      triggerOutputs: run.triggerOutputs,
      clientTrackingId: run.clientTrackingId,
      resubmittedFrom: run.id,
      resubmitMode: 'run',
      createdAt: this.now(),
    });
    return { ok: true, run: created };
  }

  async cancel(runId: string) {
    return this.runStore.requestCancel(runId, this.now());
  }
}

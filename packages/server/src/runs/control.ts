// Resubmitting and cancelling runs, shared by the single-run routes and bulk jobs. A
// resubmitted run no longer counts as broken by its connection; every resubmit is audited.
import type { RunRecord } from '@brook/store';
import type { ServerContext } from '../app/context.js';

export type ResubmitOutcome = { ok: true; run: RunRecord } | { ok: false; reason: string };

/** What the engine provides: a new run replacing an old one (whole, or from an action), and cancellation. */
export interface RunEngineControl {
  resubmit(run: RunRecord, options: { fromAction?: string }): Promise<ResubmitOutcome>;
  cancel(runId: string): Promise<RunRecord | null>;
}

export class RunControl {
  constructor(
    private readonly context: Pick<ServerContext, 'platform' | 'runStore' | 'audit' | 'logger'>,
    private readonly engine: RunEngineControl,
  ) {}

  async resubmit(run: RunRecord, options: { fromAction?: string; actorId: string | null; viaJob?: string }): Promise<ResubmitOutcome> {
    const outcome = await this.engine.resubmit(run, options.fromAction ? { fromAction: options.fromAction } : {});
    if (outcome.ok) {
      await this.context.platform.connectionFailures.markResubmitted(run.id);
      if (!options.viaJob) {
        const actor = options.actorId ? await this.context.platform.users.findById(options.actorId) : undefined;
        await this.context.audit(actor ? { user: actor, via: 'session' } : null, 'run.resubmit', `run:${run.id}`, { newRunId: outcome.run.id, fromAction: options.fromAction ?? null });
      }
    }
    return outcome;
  }

  async cancel(runId: string): Promise<RunRecord | null> {
    return this.engine.cancel(runId);
  }
}

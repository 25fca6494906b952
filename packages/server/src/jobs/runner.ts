// Works through bulk jobs (resubmit or cancel many runs) in the background. Any process
// may pick a job up; it holds a lease while it works and renews it between batches, so
// a job whose process died is continued by another. Progress is readable at any time.
import { randomBytes } from 'node:crypto';
import type { JobItem, JobRecord, RunRecord } from '@brook/store';
import type { ServerContext } from '../app/context.js';
import type { RunControl } from '../runs/control.js';

const LEASE_MS = 30_000;
const BATCH = 25;

export class JobRunner {
  private readonly owner = `jobs-${randomBytes(6).toString('hex')}`;
  private timer: NodeJS.Timeout | undefined;
  private active: Promise<void> | undefined;
  private stopping = false;

  constructor(
    private readonly context: Pick<ServerContext, 'platform' | 'runStore' | 'runQueries' | 'logger' | 'now' | 'audit'>,
    private readonly control: RunControl,
    private readonly pollMs = 1000,
  ) {}

  start(): void {
    this.stopping = false;
    this.timer = setInterval(() => this.kick(), this.pollMs);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.active;
  }

  /** Looks for work now (called when a job is created). */
  kick(): void {
    if (this.active || this.stopping) return;
    this.active = this.drain()
      .catch((error: unknown) => this.context.logger.error({ err: error }, 'background job failed'))
      .finally(() => (this.active = undefined));
  }

  /** Resolves when no job is being worked on by this process. */
  async idle(): Promise<void> {
    while (this.active) await this.active;
  }

  private async drain(): Promise<void> {
    const { platform, now } = this.context;
    for (;;) {
      if (this.stopping) return;
      const job = await platform.jobs.claimNext(this.owner, LEASE_MS, now());
      if (!job) return;
      await this.work(job);
    }
  }

  private async work(job: JobRecord): Promise<void> {
    const { platform, now, logger } = this.context;
    try {
      // The first batch after a claim may have been worked on by a process that stopped before recording it.
      let resumed = true;
      for (;;) {
        if (this.stopping) return;
        const items = await platform.jobs.pendingItems(job.id, BATCH);
        if (items.length === 0) break;
        const outcomes = await Promise.all(items.map((item) => this.perform(job, item, resumed)));
        resumed = false;
        await platform.jobs.completeItems(job.id, outcomes);
        if (!(await platform.jobs.renewLease(job.id, this.owner, LEASE_MS, now()))) return;
      }
      await platform.jobs.finish(job.id, 'succeeded', now());
      const finished = await platform.jobs.get(job.id);
      const owner = await platform.users.findById(job.ownerId);
      await this.context.audit(owner ? { user: owner, via: 'session' } : null, job.kind === 'bulk-resubmit' ? 'run.bulk-resubmit' : 'run.bulk-cancel', `job:${job.id}`, {
        total: finished?.total ?? job.total,
        failed: finished?.failed ?? 0,
        ...job.params,
      });
    } catch (error) {
      logger.error({ err: error, jobId: job.id }, 'a bulk job stopped with an error');
      await platform.jobs.finish(job.id, 'failed', now());
    }
  }

  private async perform(job: JobRecord, item: JobItem, resumed: boolean): Promise<{ seq: number; newRunId: string | null; error: string | null }> {
    try {
      const run: RunRecord | null = await this.context.runStore.getRun(item.runId);
      if (!run) return { seq: item.seq, newRunId: null, error: 'The run no longer exists.' };
      if (resumed && job.kind === 'bulk-resubmit') {
        // Resubmitted already since the job began (by a process that stopped mid-batch): not twice.
        const earlier = await this.context.runQueries.listRuns({ resubmittedFrom: run.id, from: job.createdAt, limit: 1 });
        if (earlier.items[0]) return { seq: item.seq, newRunId: earlier.items[0].id, error: null };
      }
      if (job.kind === 'bulk-cancel') {
        const cancelled = await this.control.cancel(run.id);
        return { seq: item.seq, newRunId: null, error: cancelled ? null : 'The run could not be cancelled.' };
      }
      const fromAction = job.params.fromFailedAction === true && run.failedAction ? run.failedAction : undefined;
      const outcome = await this.control.resubmit(run, { fromAction, actorId: job.ownerId, viaJob: job.id });
      return outcome.ok ? { seq: item.seq, newRunId: outcome.run.id, error: null } : { seq: item.seq, newRunId: null, error: outcome.reason };
    } catch (error) {
      return { seq: item.seq, newRunId: null, error: error instanceof Error ? error.message : String(error) };
    }
  }
}

// Runs API: history with filters, one run with every action, live updates, cancel,
// resubmit (whole or from an action), and bulk resubmit/cancel as background jobs.
import type { JobRecord, RunRecord } from '@brook/store';
import { z } from 'zod';
import type { ServerContext } from '../app/context.js';
import { isAdmin, type Caller } from '../accounts/caller.js';
import { conflict, notFound } from '../http/errors.js';
import type { ApiRouter } from '../http/router.js';
import type { JobRunner } from '../jobs/runner.js';
import type { RemoteRuns } from '../events/remote-runs.js';
import type { RunControl } from './control.js';
import { SseStream, streamAllRuns, streamRun, type OpenStreams } from './live.js';
import { bulkCancelBody, bulkResubmitBody, jobSchema, listRunsQuery, resubmitBody, runParams, runSchema, runSummarySchema } from './schemas.js';
import { RunViews } from './views.js';

export interface RunRouteDeps {
  control: RunControl;
  jobs: JobRunner;
  /** Live streams, ended at shutdown. */
  streams: OpenStreams;
  /** Run changes made by workers in other processes. */
  remote: RemoteRuns;
  /** Connections the caller may use (owner, shared, admin); 404 otherwise. */
  requireConnection(caller: Caller, connectionId: string): Promise<unknown>;
}

export async function jobView(context: Pick<ServerContext, 'platform'>, job: JobRecord) {
  const items = await context.platform.jobs.items(job.id);
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    total: job.total,
    done: job.done,
    failed: job.failed,
    results: items.filter((item) => item.state !== 'pending').map((item) => ({ runId: item.runId, newRunId: item.newRunId, error: item.error })),
    createdAt: new Date(job.createdAt).toISOString(),
    finishedAt: job.finishedAt === null ? null : new Date(job.finishedAt).toISOString(),
  };
}

export function registerRunRoutes(api: ApiRouter, context: ServerContext, deps: RunRouteDeps): void {
  const { runStore, runQueries, flowGuard, platform, now } = context;
  const views = new RunViews(context);
  const tag = 'runs';

  const requireRun = async (caller: Caller, runId: string): Promise<RunRecord> => {
    const run = await runStore.getRun(runId);
    if (!run || !(await flowGuard.canSee(caller, run.flowId))) throw notFound('The run');
    return run;
  };

  /** The runs `runIds`, all of which the caller may see; one unknown or hidden makes the whole request 404. Read 500 at a time. */
  const requireRuns = async (caller: Caller, runIds: readonly string[]): Promise<RunRecord[]> => {
    const wanted = [...new Set(runIds)];
    const found = new Map<string, RunRecord>();
    for (let i = 0; i < wanted.length; i += 500) {
      for (const run of (await runQueries.listRuns({ runIds: wanted.slice(i, i + 500), limit: 500 })).items) found.set(run.id, run);
    }
    const visible = new Map<string, boolean>();
    for (const runId of wanted) {
      const run = found.get(runId);
      if (!run) throw notFound(`The run ${runId}`);
      if (!visible.has(run.flowId)) visible.set(run.flowId, await flowGuard.canSee(caller, run.flowId));
      if (!visible.get(run.flowId)) throw notFound(`The run ${runId}`);
    }
    return wanted.map((runId) => found.get(runId)!);
  };

  api.add(
    { method: 'GET', url: '/api/v1/runs', access: 'user', tag, summary: 'Run history, newest first, with filters and a cursor', query: listRunsQuery, response: z.object({ items: z.array(runSummarySchema), nextCursor: z.string().nullable() }) },
    async ({ caller, query }) => {
      const flowIds = await flowGuard.visibleFlowIds(caller);
      const page = await runQueries.listRuns({
        ...(flowIds !== undefined ? { flowIds } : {}),
        flowId: query.flowId,
        status: query.status,
        from: query.from ? Date.parse(query.from) : undefined,
        to: query.to ? Date.parse(query.to) : undefined,
        connectionId: query.connectionId,
        category: query.category,
        cursor: query.cursor ?? null,
        limit: query.limit,
      });
      return { items: await views.summaries(page.items), nextCursor: page.nextCursor };
    },
  );

  api.add({ method: 'GET', url: '/api/v1/runs/:id', access: 'user', tag, summary: 'One run with every action record', params: runParams, response: runSchema }, async ({ caller, params }) => {
    await requireRun(caller, params.id);
    const loaded = await runStore.loadRun(params.id);
    if (!loaded) throw notFound('The run');
    return views.detail(loaded.run, loaded.actions);
  });

  api.add({ method: 'GET', url: '/api/v1/runs/:id/events', access: 'user', tag, summary: 'Live updates of one run (Server-Sent Events: run, action, end)', params: runParams }, async ({ caller, params, request, reply }) => {
    const run = await requireRun(caller, params.id);
    await streamRun(context, views, deps.remote, run.id, new SseStream(request, reply, deps.streams));
    return reply;
  });

  api.add({ method: 'GET', url: '/api/v1/events', access: 'user', tag, summary: 'Live run changes of everything you can see (Server-Sent Events: run)' }, async ({ caller, request, reply }) => {
    streamAllRuns(context, views, deps.remote, caller, new SseStream(request, reply, deps.streams));
    return reply;
  });

  api.add({ method: 'POST', url: '/api/v1/runs/:id/cancel', access: 'user', tag, summary: 'Cancel a waiting or running run', params: runParams, response: runSummarySchema }, async ({ caller, params }) => {
    await requireRun(caller, params.id);
    const run = await deps.control.cancel(params.id);
    if (!run) throw notFound('The run');
    await context.audit(caller, 'run.cancel', `run:${run.id}`);
    return (await views.summaries([run]))[0];
  });

  api.add(
    { method: 'POST', url: '/api/v1/runs/:id/resubmit', access: 'user', tag, summary: 'Resubmit a run (whole, or from an action)', params: runParams, body: resubmitBody, status: 201, response: runSummarySchema },
    async ({ caller, params, body }) => {
      const run = await requireRun(caller, params.id);
      if (run.status === 'Waiting' || run.status === 'Running') throw conflict('The run has not finished yet; wait for it or cancel it, then resubmit.');
      const outcome = await deps.control.resubmit(run, { fromAction: body.fromAction, actorId: caller.user.id });
      if (!outcome.ok) throw conflict(outcome.reason, body.fromAction ? 'ResubmitFromActionNotAllowed' : 'Conflict');
      return (await views.summaries([outcome.run]))[0];
    },
  );

  api.add(
    { method: 'POST', url: '/api/v1/runs/resubmit', access: 'user', tag, summary: 'Resubmit many runs as a background job: by ids, or those a connection broke', body: bulkResubmitBody, status: 202, response: jobSchema },
    async ({ caller, body, reply }) => {
      let runIds: string[];
      const params: Record<string, unknown> = { fromFailedAction: body.fromFailedAction === true };
      if ('runIds' in body) {
        runIds = (await requireRuns(caller, body.runIds)).map((run) => run.id);
      } else {
        await deps.requireConnection(caller, body.connectionId);
        const failures = await platform.connectionFailures.openFor(body.connectionId, body.since ? Date.parse(body.since) : undefined);
        const seeable = new Map<string, boolean>();
        const visible: string[] = [];
        for (const failure of failures) {
          if (!seeable.has(failure.flowId)) seeable.set(failure.flowId, isAdmin(caller) || (await flowGuard.canSee(caller, failure.flowId)));
          if (seeable.get(failure.flowId)) visible.push(failure.runId);
        }
        runIds = visible;
        Object.assign(params, { connectionId: body.connectionId, since: body.since ?? null });
      }
      const job = await platform.jobs.create({ kind: 'bulk-resubmit', ownerId: caller.user.id, params, runIds }, now());
      await context.audit(caller, 'run.bulk-resubmit.start', `job:${job.id}`, { runs: runIds.length, ...params });
      deps.jobs.kick();
      void reply.header('location', `/api/v1/jobs/${job.id}`);
      return jobView(context, job);
    },
  );

  api.add({ method: 'POST', url: '/api/v1/runs/cancel', access: 'user', tag, summary: 'Cancel many runs as a background job', body: bulkCancelBody, status: 202, response: jobSchema }, async ({ caller, body, reply }) => {
    const runs = await requireRuns(caller, body.runIds);
    const job = await platform.jobs.create({ kind: 'bulk-cancel', ownerId: caller.user.id, params: {}, runIds: runs.map((run) => run.id) }, now());
    await context.audit(caller, 'run.bulk-cancel.start', `job:${job.id}`, { runs: runs.length });
    deps.jobs.kick();
    void reply.header('location', `/api/v1/jobs/${job.id}`);
    return jobView(context, job);
  });

  api.add({ method: 'GET', url: '/api/v1/jobs/:id', access: 'user', tag, summary: 'Progress and results of a background job', params: runParams, response: jobSchema }, async ({ caller, params }) => {
    const job = await platform.jobs.get(params.id);
    if (!job || (job.ownerId !== caller.user.id && !isAdmin(caller))) throw notFound('The job');
    return jobView(context, job);
  });
}

// Flows API: list, create, import, validate, read, change, delete, enable/disable,
// versions, export, manual run, callback key, stats, co-owners.
import { hasErrors, importFlow, validateDefinition, type WorkflowDefinition } from '@brook/wdl';
import { z } from 'zod';
import type { ServerContext } from '../app/context.js';
import { ApiError } from '../http/errors.js';
import type { ApiRouter } from '../http/router.js';
import { checkDefinition, invalidDefinition, triggersOf } from './definitions.js';
import {
  createFlowBody,
  flowParams,
  flowSchema,
  flowSummarySchema,
  flowVersionSchema,
  importFlowBody,
  manualRunBody,
  ownerBody,
  ownerParams,
  problemSchema,
  statsQuery,
  statsSchema,
  updateFlowBody,
  validateBody,
} from './schemas.js';
import type { FlowService } from './service.js';
import { connectionReferencesOf, FlowViews } from './views.js';

const DAY_MS = 86_400_000;

/** Parameter values that came with an imported file become the definition's parameter values. */
function withSuppliedParameters(definition: WorkflowDefinition, supplied: Record<string, unknown>): WorkflowDefinition {
  const parameters = { ...(definition.parameters ?? {}) };
  for (const [name, value] of Object.entries(supplied)) {
    if (name === '$connections' || !parameters[name]) continue;
    const given = value && typeof value === 'object' && 'value' in value ? value.value : value;
    parameters[name] = { ...parameters[name], value: given };
  }
  return { ...definition, parameters };
}

export function registerFlowRoutes(api: ApiRouter, context: ServerContext, service: FlowService): void {
  const { flows, flowGuard, platform, runStore, config, now } = context;
  const views = new FlowViews(context);
  const tag = 'flows';

  api.add({ method: 'GET', url: '/api/v1/flows', access: 'user', tag, summary: 'The flows you own or co-own (administrators: all)', response: z.object({ items: z.array(flowSummarySchema) }) }, async ({ caller }) => {
    const ids = await flowGuard.visibleFlowIds(caller);
    return { items: await views.summaries(await flows.listFlows(ids === undefined ? {} : { ids })) };
  });

  api.add({ method: 'POST', url: '/api/v1/flows', access: 'user', tag, summary: 'Create a flow from a WDL definition', body: createFlowBody, status: 201, response: flowSchema }, async ({ caller, body }) => {
    const { definition } = checkDefinition(body.definition, config.limits.definitionBytes);
    const flow = await service.create(caller, { name: body.name, description: body.description, definition, connections: body.connections });
    return views.detail(flow);
  });

  api.add(
    {
      method: 'POST',
      url: '/api/v1/flows/import',
      access: 'user',
      tag,
      summary: 'Import a definition, Logic App, ARM template or Power Automate package (zip as base64)',
      body: importFlowBody,
      status: 201,
      response: z.object({ flow: flowSchema, warnings: z.array(problemSchema) }),
    },
    async ({ caller, body }) => {
      const bytes = Buffer.from(body.content, body.encoding === 'base64' ? 'base64' : 'utf8');
      if (bytes.length > config.bodyLimitBytes) throw new ApiError(413, 'PayloadTooLarge', 'The file is larger than this server accepts.');
      const imported = importFlow({ name: body.fileName, bytes }, body.workflow ? { workflow: body.workflow } : {});
      if (!imported.definition || hasErrors(imported.problems)) throw invalidDefinition(imported.problems, '');
      const { definition } = checkDefinition(withSuppliedParameters(imported.definition, imported.parameters), config.limits.definitionBytes, '');
      const name = body.name ?? imported.displayName ?? body.fileName.replace(/\.(json|zip)$/i, '');
      const flow = await service.create(caller, { name, description: typeof definition.description === 'string' ? definition.description : '', definition });
      await context.audit(caller, 'flow.import', `flow:${flow.id}`, { fileName: body.fileName, format: imported.format });
      const warnings = imported.problems.filter((problem) => problem.severity === 'warning').map(({ path, message, code }) => ({ path, message, code }));
      return { flow: await views.detail(flow), warnings };
    },
  );

  api.add({ method: 'POST', url: '/api/v1/flows/validate', access: 'user', tag, summary: 'Check a definition without saving it', body: validateBody, response: z.object({ problems: z.array(problemSchema.extend({ severity: z.string() })) }) }, async ({ body }) => {
    const result = validateDefinition(body.definition);
    return { problems: result.problems.map(({ path, message, code, severity }) => ({ path, message, code, severity })) };
  });

  api.add({ method: 'GET', url: '/api/v1/flows/:id', access: 'user', tag, summary: 'One flow with its definition, triggers and connection references', params: flowParams, response: flowSchema }, async ({ caller, params }) => {
    return views.detail(await flowGuard.require(caller, params.id));
  });

  api.add({ method: 'PUT', url: '/api/v1/flows/:id', access: 'user', tag, summary: 'Change a flow (a new version when the definition or the connection mapping changed)', params: flowParams, body: updateFlowBody, response: flowSchema }, async ({ caller, params, body }) => {
    const flow = await flowGuard.require(caller, params.id);
    const definition = body.definition === undefined ? undefined : checkDefinition(body.definition, config.limits.definitionBytes).definition;
    return views.detail(await service.update(caller, flow, { name: body.name, description: body.description, definition, connections: body.connections }));
  });

  api.add({ method: 'DELETE', url: '/api/v1/flows/:id', access: 'user', tag, summary: 'Delete a flow; its waiting and running runs are cancelled', params: flowParams }, async ({ caller, params }) => {
    await service.delete(caller, await flowGuard.require(caller, params.id));
    return undefined;
  });

  for (const [action, enabled] of [['enable', true], ['disable', false]] as const) {
    api.add({ method: 'POST', url: `/api/v1/flows/:id/${action}`, access: 'user', tag, summary: `Turn a flow ${enabled ? 'on' : 'off'}`, params: flowParams, response: flowSchema }, async ({ caller, params }) => {
      return views.detail(await service.setEnabled(caller, await flowGuard.require(caller, params.id), enabled));
    });
  }

  api.add({ method: 'GET', url: '/api/v1/flows/:id/versions', access: 'user', tag, summary: 'Every version of a flow, newest first', params: flowParams, response: z.object({ items: z.array(flowVersionSchema) }) }, async ({ caller, params }) => {
    const flow = await flowGuard.require(caller, params.id);
    const versions = await flows.listVersions(flow.id);
    const people = new Map((await platform.users.findMany(versions.flatMap((v) => (v.createdBy ? [v.createdBy] : [])))).map((user) => [user.id, user.name]));
    return {
      items: versions.map((version) => ({
        version: version.version,
        createdAt: new Date(version.createdAt).toISOString(),
        createdBy: version.createdBy ? { id: version.createdBy, name: people.get(version.createdBy) ?? 'Unknown user' } : null,
        definition: version.definition,
        connections: version.connections,
      })),
    };
  });

  api.add({ method: 'GET', url: '/api/v1/flows/:id/export', access: 'user', tag, summary: 'The definition file of the current version', params: flowParams }, async ({ caller, params, reply }) => {
    const flow = await flowGuard.require(caller, params.id);
    const version = await flows.getVersion(flow.id, flow.currentVersion);
    const definition = version?.definition ?? {};
    const fileName = `${flow.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'flow'}.json`;
    void reply.header('content-disposition', `attachment; filename="${fileName}"`);
    return { name: flow.name, definition, connectionReferences: connectionReferencesOf(definition, version?.connections ?? {}).map(({ name, connectorId }) => ({ name, connectorId })) };
  });

  api.add(
    { method: 'POST', url: '/api/v1/flows/:id/run', access: 'user', tag, summary: 'Start a run by hand with the given trigger body and headers', params: flowParams, body: manualRunBody, status: 202, response: z.object({ runId: z.string() }) },
    async ({ caller, params, body, reply }) => {
      const flow = await flowGuard.require(caller, params.id);
      const version = await flows.getVersion(flow.id, flow.currentVersion);
      const trigger = triggersOf(version?.definition ?? {})[0];
      const run = await runStore.createRun({
        flowId: flow.id,
        flowVersion: flow.currentVersion,
        triggerName: trigger?.name ?? 'manual',
        triggerOutputs: { headers: body.headers ?? {}, body: body.body ?? null, queries: {}, relativePathParameters: {} },
        createdAt: now(),
      });
      await context.audit(caller, 'flow.run', `run:${run.id}`, { flowId: flow.id });
      void reply.header('location', `/api/v1/runs/${run.id}`);
      return { runId: run.id };
    },
  );

  api.add({ method: 'POST', url: '/api/v1/flows/:id/regenerate-key', access: 'user', tag, summary: 'New callback URLs; the old ones answer 401', params: flowParams, response: flowSchema }, async ({ caller, params }) => {
    const flow = await flowGuard.require(caller, params.id);
    await service.regenerateKey(caller, flow);
    return views.detail(flow);
  });

  api.add({ method: 'GET', url: '/api/v1/flows/:id/stats', access: 'user', tag, summary: 'Runs per day and outcome', params: flowParams, query: statsQuery, response: statsSchema }, async ({ caller, params, query }) => {
    const flow = await flowGuard.require(caller, params.id);
    const today = new Date(new Date(now()).toISOString().slice(0, 10)).getTime();
    const from = today - (query.days - 1) * DAY_MS;
    const counts = await context.runQueries.countByDay(from, flow.id);
    const days = Array.from({ length: query.days }, (_, index) => {
      const date = new Date(from + index * DAY_MS).toISOString().slice(0, 10);
      const count = (status: string) => counts.filter((row) => row.day === date && row.status === status).reduce((sum, row) => sum + row.count, 0);
      return { date, succeeded: count('Succeeded'), failed: count('Failed') + count('TimedOut'), cancelled: count('Cancelled') };
    });
    return { days };
  });

  api.add({ method: 'POST', url: '/api/v1/flows/:id/owners', access: 'user', tag, summary: 'Share a flow with a co-owner', params: flowParams, body: ownerBody, response: flowSchema }, async ({ caller, params, body }) => {
    const flow = await flowGuard.require(caller, params.id);
    await service.addCoOwner(caller, flow, body.userId);
    return views.detail(flow);
  });

  api.add({ method: 'DELETE', url: '/api/v1/flows/:id/owners/:userId', access: 'user', tag, summary: 'Stop sharing a flow with a co-owner', params: ownerParams, response: flowSchema }, async ({ caller, params }) => {
    const flow = await flowGuard.require(caller, params.id);
    await service.removeCoOwner(caller, flow, params.userId);
    return views.detail(flow);
  });
}

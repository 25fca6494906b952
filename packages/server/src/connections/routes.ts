// Connections API: create (verified at once), list with status and the runs each broke,
// verify with new credentials, share for use without revealing secrets, delete. The
// connectors and the OAuth2 sign-in have files of their own.
import type { ConnectionManager } from '@brook/connectors';
import { z } from 'zod';
import type { ServerContext } from '../app/context.js';
import { ApiError, notFound } from '../http/errors.js';
import type { ApiRouter } from '../http/router.js';
import { RunViews } from '../runs/views.js';
import { runSummarySchema } from '../runs/schemas.js';
import type { ConnectionGuard } from './access.js';
import type { ConnectorCatalog } from './catalog.js';
import {
  connectionParams,
  connectionSchema,
  createConnectionBody,
  shareBody,
  shareParams,
  sinceQuery,
  updateConnectionBody,
  verifyBody,
} from './schemas.js';
import { ConnectionViews } from './views.js';
import { translate } from './input-errors.js';
import { registerConnectorRoutes } from './connector-routes.js';
import { registerOAuthRoutes } from './oauth-routes.js';

export interface ConnectionRouteDeps {
  manager: ConnectionManager;
  catalog: ConnectorCatalog;
  guard: ConnectionGuard;
}

export function registerConnectionRoutes(api: ApiRouter, context: ServerContext, deps: ConnectionRouteDeps): void {
  const { platform, flowGuard, now } = context;
  const { manager, catalog, guard } = deps;
  const views = new ConnectionViews(platform, catalog.registry, guard);
  const runViews = new RunViews(context);
  const tag = 'connections';
  registerConnectorRoutes(api, context, catalog);

  api.add({ method: 'GET', url: '/api/v1/connections', access: 'user', tag, summary: 'Your connections and those shared with you, with status and the runs they broke', response: z.object({ items: z.array(connectionSchema) }) }, async ({ caller }) => {
    return { items: await views.list(caller, await guard.visible(caller)) };
  });

  api.add({ method: 'POST', url: '/api/v1/connections', access: 'user', tag, summary: 'Create a connection; it is verified at once', body: createConnectionBody, status: 201, response: connectionSchema }, async ({ caller, body }) => {
    await catalog.refresh();
    const created = await translate(() =>
      manager.create({
        ownerId: caller.user.id,
        name: body.name,
        connectorId: body.connectorId,
        ...(body.authType ? { authType: body.authType as never } : {}),
        parameters: body.parameters,
        secrets: body.secrets,
      }),
    );
    await context.audit(caller, 'connection.create', `connection:${created.connection.id}`, { name: body.name, connectorId: body.connectorId, verified: created.verification?.ok ?? null });
    const record = await platform.connections.get(created.connection.id);
    if (!record) throw notFound('The connection');
    return views.one(caller, record);
  });

  api.add({ method: 'GET', url: '/api/v1/connections/:id', access: 'user', tag, summary: 'One connection', params: connectionParams, response: connectionSchema }, async ({ caller, params }) => {
    return views.one(caller, await guard.requireUsable(caller, params.id));
  });

  api.add({ method: 'PATCH', url: '/api/v1/connections/:id', access: 'user', tag, summary: 'Rename a connection or change its non-secret parameters', params: connectionParams, body: updateConnectionBody, response: connectionSchema }, async ({ caller, params, body }) => {
    const connection = await guard.requireEditable(caller, params.id);
    if (body.parameters) {
      const secret = connection.secretNames.find((name) => body.parameters && name in body.parameters);
      if (secret) throw new ApiError(400, 'ValidationFailed', `"${secret}" is a secret; change it with Verify (secrets are write-only).`, [{ path: `/parameters/${secret}`, message: 'a secret, not a parameter' }]);
    }
    await platform.connections.update(connection.id, { name: body.name, parameters: body.parameters ? { ...connection.parameters, ...body.parameters } : undefined }, now());
    await context.audit(caller, 'connection.update', `connection:${connection.id}`, { renamed: body.name !== undefined, parameters: Object.keys(body.parameters ?? {}) });
    return views.one(caller, (await platform.connections.get(connection.id))!);
  });

  api.add({ method: 'DELETE', url: '/api/v1/connections/:id', access: 'user', tag, summary: 'Delete a connection', params: connectionParams }, async ({ caller, params }) => {
    const connection = await guard.requireEditable(caller, params.id);
    await platform.connections.delete(connection.id);
    await platform.connectionFailures.deleteForConnection(connection.id);
    await context.audit(caller, 'connection.delete', `connection:${connection.id}`, { name: connection.name });
    return undefined;
  });

  api.add(
    {
      method: 'POST',
      url: '/api/v1/connections/:id/verify',
      access: 'user',
      tag,
      summary: 'Verify a connection against its service, with its stored credentials or new ones (kept only when they verify)',
      params: connectionParams,
      body: verifyBody,
      response: z.object({ ok: z.boolean(), connection: connectionSchema, message: z.string() }),
    },
    async ({ caller, params, body }) => {
      const changes = body.secrets !== undefined || body.parameters !== undefined;
      const connection = changes ? await guard.requireEditable(caller, params.id) : await guard.requireUsable(caller, params.id);
      const result = await translate(() => manager.verify(connection.id, { ...(body.secrets ? { secrets: body.secrets } : {}), ...(body.parameters ? { parameters: body.parameters } : {}) }));
      await context.audit(caller, 'connection.verify', `connection:${connection.id}`, { ok: result.ok, newCredentials: changes, kept: result.kept, status: result.status });
      return { ok: result.ok, connection: await views.one(caller, (await platform.connections.get(connection.id))!), message: result.message };
    },
  );

  api.add(
    { method: 'GET', url: '/api/v1/connections/:id/failed-runs', access: 'user', tag, summary: 'Runs that failed because of this connection and are not resubmitted yet', params: connectionParams, query: sinceQuery, response: z.object({ items: z.array(runSummarySchema) }) },
    async ({ caller, params, query }) => {
      const connection = await guard.requireUsable(caller, params.id);
      const failures = await platform.connectionFailures.openFor(connection.id, query.since ? Date.parse(query.since) : undefined);
      const runs = [];
      for (const failure of failures.reverse()) {
        if (!(await flowGuard.canSee(caller, failure.flowId))) continue;
        const run = await context.runStore.getRun(failure.runId);
        if (run) runs.push(run);
      }
      return { items: await runViews.summaries(runs) };
    },
  );

  api.add({ method: 'POST', url: '/api/v1/connections/:id/share', access: 'user', tag, summary: 'Let someone use a connection in their flows (its secrets stay hidden)', params: connectionParams, body: shareBody, response: connectionSchema }, async ({ caller, params, body }) => {
    const connection = await guard.requireEditable(caller, params.id);
    const user = await platform.users.findById(body.userId);
    if (!user) throw new ApiError(400, 'ValidationFailed', `There is no user ${body.userId}.`, [{ path: '/userId', message: 'no such user' }]);
    if (user.id !== connection.ownerId) await platform.connections.share(connection.id, user.id, now());
    await context.audit(caller, 'connection.share', `connection:${connection.id}`, { userId: user.id });
    return views.one(caller, connection);
  });

  api.add({ method: 'DELETE', url: '/api/v1/connections/:id/share/:userId', access: 'user', tag, summary: 'Stop sharing a connection with someone', params: shareParams, response: connectionSchema }, async ({ caller, params }) => {
    const connection = await guard.requireEditable(caller, params.id);
    if (!(await platform.connections.unshare(connection.id, params.userId))) throw notFound('That share');
    await context.audit(caller, 'connection.unshare', `connection:${connection.id}`, { userId: params.userId });
    return views.one(caller, connection);
  });
  registerOAuthRoutes(api, context, deps);
}

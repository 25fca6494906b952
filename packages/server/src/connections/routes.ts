// Connections and connectors API: create (verified at once), list with status and the
// runs each broke, verify with new credentials, OAuth2 sign-in, share for use without
// revealing secrets, delete; connectors list and OpenAPI import.
import { ClassifiedFailureError, ConnectionInputError, type ConnectionManager } from '@brook/connectors';
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
  connectorSchema,
  createConnectionBody,
  importConnectorBody,
  oauthCallbackQuery,
  oauthStartBody,
  shareBody,
  shareParams,
  sinceQuery,
  updateConnectionBody,
  verifyBody,
} from './schemas.js';
import { ConnectionViews, connectorView } from './views.js';

export interface ConnectionRouteDeps {
  manager: ConnectionManager;
  catalog: ConnectorCatalog;
  guard: ConnectionGuard;
}

/** "parameters.baseUrl" → "/parameters/baseUrl". */
const pointerOf = (path: string): string => `/${path.split('.').join('/')}`;

/** Input problems of the connection service as the API's 400, each naming its field. */
async function translate<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ConnectionInputError) {
      const first = error.details[0];
      throw new ApiError(400, 'ValidationFailed', first ? `${pointerOf(first.path)}: ${first.message}` : error.message, error.details.map((detail) => ({ path: pointerOf(detail.path), message: detail.message })));
    }
    if (error instanceof ClassifiedFailureError && error.classified.code === 'ConnectionNotFound') throw notFound('The connection');
    throw error;
  }
}

function withOutcome(returnTo: string, outcome: { ok: true } | { ok: false; message: string }): string {
  const url = new URL(returnTo, 'http://portal.invalid');
  if (outcome.ok) url.searchParams.set('oauth', 'connected');
  else {
    url.searchParams.set('oauth', 'failed');
    url.searchParams.set('reason', outcome.message);
  }
  return `${url.pathname}${url.search}${url.hash}`;
}

export function registerConnectionRoutes(api: ApiRouter, context: ServerContext, deps: ConnectionRouteDeps): void {
  const { platform, flowGuard, config, now } = context;
  const { manager, catalog, guard } = deps;
  const views = new ConnectionViews(platform, catalog.registry, guard);
  const runViews = new RunViews(context);
  const tag = 'connections';

  api.add({ method: 'GET', url: '/api/v1/connectors', access: 'user', tag, summary: 'The connectors connections can be made for', response: z.object({ items: z.array(connectorSchema) }) }, async () => {
    await catalog.refresh();
    return { items: catalog.registry.list().map(connectorView) };
  });

  api.add({ method: 'POST', url: '/api/v1/connectors/import', access: 'user', tag, summary: 'Import a connector from an OpenAPI 2 or 3 document (JSON or YAML)', body: importConnectorBody, status: 201, response: connectorSchema }, async ({ caller, body }) => {
    const imported = await catalog.import(body.document, { ...(body.name ? { name: body.name } : {}), importedBy: caller.user.id });
    await context.audit(caller, 'connector.import', `connector:${imported.connector.id}`, { name: imported.connector.name, operations: imported.connector.operations.length });
    return connectorView(imported.connector);
  });

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
    { method: 'POST', url: '/api/v1/connections/:id/oauth/start', access: 'user', tag, summary: 'Start an OAuth2 sign-in: where to send the browser', params: connectionParams, body: oauthStartBody, response: z.object({ authorizeUrl: z.string() }) },
    async ({ caller, params, body }) => {
      const connection = await guard.requireEditable(caller, params.id);
      const started = await translate(() =>
        manager.startConsent(connection.id, { userId: caller.user.id, redirectUri: `${config.publicUrl}/api/v1/oauth/callback`, ...(body.returnTo ? { returnTo: body.returnTo } : {}) }),
      );
      await context.audit(caller, 'connection.sign-in.start', `connection:${connection.id}`);
      return { authorizeUrl: started.authorizeUrl };
    },
  );

  api.add({ method: 'GET', url: '/api/v1/oauth/callback', access: 'public', tag, summary: 'Where the OAuth2 provider sends the browser back (the state is the credential)', query: oauthCallbackQuery }, async ({ query, reply }) => {
    const result = await manager.completeConsent({
      state: query.state,
      ...(query.code ? { code: query.code } : {}),
      ...(query.error ? { error: query.error } : {}),
      ...(query.error_description ? { errorDescription: query.error_description } : {}),
    });
    const actor = result.ok ? await platform.users.findById(result.userId) : undefined;
    await context.audit(actor ? { user: actor, via: 'session' } : null, result.ok ? 'connection.sign-in' : 'connection.sign-in-failed', `connection:${result.connectionId ?? 'unknown'}`, result.ok ? {} : { reason: result.message });
    const returnTo = result.returnTo ?? '/settings/connections';
    return reply.redirect(withOutcome(returnTo, result.ok ? { ok: true } : { ok: false, message: result.message }), 302);
  });

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
}

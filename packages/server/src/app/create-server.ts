// The Brook server: the platform (database, repositories, background services) with the
// HTTP API in front. Usable in tests on port 0; `brook serve` calls it with the
// configuration from the environment.
import fastifyCookie from '@fastify/cookie';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BrookConfig } from '../config/config.js';
import { RequestAuthenticator } from '../accounts/authenticator.js';
import { registerAccountRoutes } from '../accounts/routes.js';
import { registerAuditRoutes } from '../audit/routes.js';
import { ConnectionGuard } from '../connections/access.js';
import { registerConnectionRoutes } from '../connections/routes.js';
import { FlowService } from '../flows/service.js';
import { registerFlowRoutes } from '../flows/routes.js';
import { parseResponseNotice, RESPONSE_CHANNEL } from '../events/postgres-bridge.js';
import { NoticeListener } from '../events/notice-listener.js';
import { RemoteRuns } from '../events/remote-runs.js';
import { RUN_CHANGES_CHANNEL } from '../events/run-change-notices.js';
import { registerCallbackRoutes } from '../hooks/callback-routes.js';
import { ResponseWaiter } from '../hooks/response-waiter.js';
import { registerHookRoutes } from '../hooks/routes.js';
import { HookTargets } from '../hooks/targets.js';
import { handleError } from '../http/errors.js';
import { ApiRouter, type CatalogEntry } from '../http/router.js';
import type { JobRunner } from '../jobs/runner.js';
import { registerNotificationRoutes } from '../notifications/routes.js';
import { registerOperationRoutes } from '../operations/routes.js';
import { ServerMetrics } from '../operations/server-metrics.js';
import { DEFAULT_WEB_DIST, registerPortal } from '../portal/portal.js';
import { OpenStreams } from '../runs/live.js';
import { registerRunRoutes } from '../runs/routes.js';
import type { ServerContext } from './context.js';
import { EngineSchedules } from './engine.js';
import { maskUrl } from './logger.js';
import { openPlatform, type Platform, type PlatformOptions } from './platform.js';
import { registerSecurityHeaders } from './security-headers.js';

export interface ServerOptions extends PlatformOptions {
  /** Folder of the built portal (default: web/dist of this checkout). */
  webDist?: string;
}

export interface BrookServer {
  app: FastifyInstance;
  context: ServerContext;
  platform: Platform;
  jobs: JobRunner;
  /** Every API route as declared (the authorization matrix walks it). */
  catalog: readonly CatalogEntry[];
  /** Every route Fastify registered, as "METHOD /url" (HEAD routes excluded). */
  registeredRoutes: readonly string[];
  /** Starts listening and the background services; resolves with the base URL. */
  listen(): Promise<string>;
  /** Graceful shutdown: stop taking requests, finish those in flight, stop services, close the database. */
  close(): Promise<void>;
}

function createApp(config: BrookConfig, context: ServerContext, metrics: ServerMetrics): { app: FastifyInstance; registeredRoutes: string[] } {
  const { logger } = context;
  const app: FastifyInstance = Fastify<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger>({
    loggerInstance: logger,
    // One line per request, written by the onResponse hook below (with the sig masked).
    logController: new LogController({ disableRequestLogging: true }),
    // A child logger per request (for its reqId) only when request lines are logged; at
    // warn and above it would be work done for every call and thrown away.
    childLoggerFactory: (parent, bindings, options) => (logger.isLevelEnabled('info') ? parent.child(bindings, options) : parent),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    routerOptions: { maxParamLength: 500 },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  const registeredRoutes: string[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) if (method !== 'HEAD') registeredRoutes.push(`${method} ${route.url}`);
  });
  app.addHook('onResponse', (request, reply, done) => {
    metrics.httpDuration.observe(reply.elapsedTime / 1000, { method: request.method, route: request.routeOptions.url ?? 'unknown', status: `${Math.floor(reply.statusCode / 100)}xx` });
    const level = reply.statusCode >= 500 ? 'error' : 'info';
    if (logger.isLevelEnabled(level)) {
      request.log[level]({ method: request.method, url: maskUrl(request.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
    }
    done();
  });
  app.setErrorHandler(handleError);
  registerSecurityHeaders(app, { https: config.publicUrl.startsWith('https:') });
  return { app, registeredRoutes };
}

export async function createServer(config: BrookConfig, options: ServerOptions = {}): Promise<BrookServer> {
  const platform = await openPlatform(config, options);
  const { context } = platform;
  const metrics = new ServerMetrics(context);
  context.events.subscribe(metrics.onEvent);
  const { app, registeredRoutes } = createApp(config, context, metrics);
  await app.register(fastifyCookie);

  const hookTargets = new HookTargets(context.flows, context.platform, context.now);
  const waiter = new ResponseWaiter(context.runStore);
  context.events.subscribe(waiter.onEvent);
  const remote = new RemoteRuns(platform.instanceId, {
    runs: async (runIds) => (await context.runQueries.listRuns({ runIds, limit: 500 })).items,
    action: (runId, key) => context.runStore.getAction(runId, key),
  }, context.logger);
  if (context.database.dialect === 'postgres') {
    // What workers in other processes do reaches this one as notices (events/run-change-notices.ts).
    const listener = new NoticeListener(
      context.database.url,
      {
        [RESPONSE_CHANNEL]: (payload) => {
          const notice = parseResponseNotice(payload);
          waiter.nudge(notice.runId, notice.response);
        },
        [RUN_CHANGES_CHANNEL]: remote.receive,
      },
      context.logger,
      remote.resync,
    );
    platform.services.push({ name: 'notice listener', start: () => listener.start(), stop: () => listener.stop() });
  }
  const { control, jobs } = platform;
  const streams = new OpenStreams();
  app.addHook('preClose', (done) => {
    streams.closeAll();
    done();
  });
  const flowService = new FlowService(context, new EngineSchedules(context), (flowId) => hookTargets.invalidate(flowId));
  const connectionGuard = new ConnectionGuard(context.platform);

  const api = new ApiRouter(app, new RequestAuthenticator(context.platform, config.sessionDays * 86_400_000, context.now));
  registerOperationRoutes(api, context, metrics);
  registerAccountRoutes(api, context);
  registerFlowRoutes(api, context, flowService);
  registerRunRoutes(api, context, { control, jobs, streams, remote, requireConnection: (caller, id) => connectionGuard.requireUsable(caller, id) });
  registerHookRoutes(api, context, { targets: hookTargets, waiter, startRun: (run) => context.runStore.createRun(run) });
  registerCallbackRoutes(api, { engine: platform.engine, key: platform.callbackKey });
  registerConnectionRoutes(api, context, { manager: platform.connections, catalog: platform.catalog, guard: connectionGuard });
  registerNotificationRoutes(api, context);
  registerAuditRoutes(api, context);
  await registerPortal(app, options.webDist ?? DEFAULT_WEB_DIST);

  let closed = false;
  return {
    app,
    context,
    platform,
    jobs,
    catalog: api.catalog,
    registeredRoutes,
    async listen() {
      await app.listen({ host: config.host, port: config.port });
      await platform.start();
      const { port } = app.server.address() as { port: number };
      const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
      context.logger.info({ url, database: context.database.dialect, dataDir: config.database === 'sqlite' ? config.dataDir : undefined }, 'Brook is listening');
      return url;
    },
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await platform.close();
    },
  };
}

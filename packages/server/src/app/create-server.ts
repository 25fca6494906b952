// The Brook server: opens the database (migrating it), builds the parts of the platform,
// and wires them into one Fastify app. Usable in tests on port 0; `brook serve` calls
// it with the configuration from the environment.
import fastifyCookie from '@fastify/cookie';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { mkdirSync } from 'node:fs';
import { createPlatformStore, migrateToLatest, openDatabase, type BrookDatabase } from '@brook/store';
import type { BrookConfig } from '../config/config.js';
import { RequestAuthenticator } from '../accounts/authenticator.js';
import { registerAccountRoutes } from '../accounts/routes.js';
import { handleError } from '../http/errors.js';
import { ApiRouter, type CatalogEntry } from '../http/router.js';
import { registerOperationRoutes } from '../operations/routes.js';
import { DEFAULT_WEB_DIST, registerPortal } from '../portal/portal.js';
import { auditRecorder, type ServerContext } from './context.js';
import { createLogger, maskUrl } from './logger.js';
import { registerSecurityHeaders } from './security-headers.js';
import { BROOK_VERSION } from './version.js';

export interface ServerOptions {
  logger?: Logger;
  /** Folder of the built portal (default: web/dist of this checkout). */
  webDist?: string;
  now?: () => number;
}

/** A part of the server that runs in the background (workers, schedules, jobs, notifications). */
export interface BackgroundService {
  name: string;
  start(): void | Promise<void>;
  /** Stops taking new work and lets work in flight finish (or checkpoint). */
  stop(): Promise<void>;
}

export interface BrookServer {
  app: FastifyInstance;
  context: ServerContext;
  /** Every API route as declared (the authorization matrix walks it). */
  catalog: readonly CatalogEntry[];
  /** Every route Fastify registered, as "METHOD /url" (HEAD routes excluded). */
  registeredRoutes: readonly string[];
  /** Starts listening and the background services; resolves with the base URL. */
  listen(): Promise<string>;
  /** Graceful shutdown: stop taking requests, finish those in flight, stop services, close the database. */
  close(): Promise<void>;
}

async function openAndMigrate(config: BrookConfig): Promise<BrookDatabase> {
  if (config.database === 'sqlite') mkdirSync(config.dataDir, { recursive: true });
  const database = openDatabase({ url: config.databaseUrl, poolSize: config.databasePool });
  try {
    await migrateToLatest(database.db as unknown as Kysely<unknown>, database.dialect);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

export async function createServer(config: BrookConfig, options: ServerOptions = {}): Promise<BrookServer> {
  const logger = options.logger ?? createLogger(config);
  const now = options.now ?? Date.now;
  const database = await openAndMigrate(config);
  const platform = createPlatformStore(database);
  const context: ServerContext = { config, database, platform, logger, now, version: BROOK_VERSION, audit: auditRecorder(platform, logger, now) };

  const app: FastifyInstance = Fastify<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger>({
    loggerInstance: logger,
    // One line per request, written by the onResponse hook below (with the sig masked).
    logController: new LogController({ disableRequestLogging: true }),
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
    const level = reply.statusCode >= 500 ? 'error' : 'info';
    if (logger.isLevelEnabled(level)) {
      request.log[level]({ method: request.method, url: maskUrl(request.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
    }
    done();
  });
  app.setErrorHandler(handleError);
  registerSecurityHeaders(app, { https: config.publicUrl.startsWith('https:') });
  await app.register(fastifyCookie);

  const api = new ApiRouter(app, new RequestAuthenticator(platform, config.sessionDays * 86_400_000, now));
  registerOperationRoutes(api, context);
  registerAccountRoutes(api, context);
  await registerPortal(app, options.webDist ?? DEFAULT_WEB_DIST);

  const services: BackgroundService[] = [];
  let started = false;
  let closed = false;

  return {
    app,
    context,
    catalog: api.catalog,
    registeredRoutes,
    async listen() {
      const address = await app.listen({ host: config.host, port: config.port });
      for (const service of services) await service.start();
      started = true;
      const { port } = app.server.address() as { port: number };
      logger.info({ address, database: database.dialect, dataDir: config.database === 'sqlite' ? config.dataDir : undefined }, 'Brook is listening');
      return `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    },
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      if (started) for (const service of [...services].reverse()) await service.stop();
      await database.close();
    },
  };
}

// Everything of Brook but HTTP: the database (migrated), the repositories, the event hub,
// notifications and the background services. `brook serve` puts the API in front of it;
// `brook worker` runs it alone.
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConnectionManager, HttpClient as GuardedHttpClient, loadKeyring, SecretKeyError, type Keyring } from '@brook/connectors';
import type { Engine } from '@brook/engine';
import { createPlatformStore, createRunStore, FlowRepository, migrateToLatest, openDatabase, RunQueries, type BrookDatabase } from '@brook/store';
import { ConfigError, type BrookConfig } from '../config/config.js';
import { ConnectorCatalog } from '../connections/catalog.js';
import { ConnectionHealthChecks } from '../connections/health.js';
import { FlowConnectionInvoker } from '../connections/invoker.js';
import { DatabaseConnectionStateStore } from '../connections/state-store.js';
import { EventHub } from '../events/hub.js';
import { publishResponses } from '../events/postgres-bridge.js';
import { RunChangePublisher } from '../events/run-change-notices.js';
import { FlowGuard } from '../flows/access.js';
import { DailyDuties } from '../notifications/daily-duties.js';
import { FailureWatch } from '../notifications/failure-watch.js';
import { Notifier } from '../notifications/notifier.js';
import { createSmtpOutbox, createWebhookOutbox, type Outbox } from '../notifications/outboxes.js';
import { auditRecorder, type ServerContext } from './context.js';
import { createServerEngine, EngineRunControl, guardedEngineHttp, workerService } from './engine.js';
import { JobRunner } from '../jobs/runner.js';
import { ActionCallbackUrls, callbackKey } from '../hooks/callbacks.js';
import { RunControl } from '../runs/control.js';
import { createLogger } from './logger.js';
import { BROOK_VERSION } from './version.js';

/** A part of Brook that runs in the background (workers, schedules, jobs, notifications). */
export interface BackgroundService {
  name: string;
  start(): void | Promise<void>;
  /** Stops taking new work and lets work in flight finish (or checkpoint). */
  stop(): Promise<void>;
}

export interface PlatformOptions {
  logger?: Logger;
  now?: () => number;
}

export interface Platform {
  /** Names this process in the notices it sends other processes (PostgreSQL). */
  instanceId: string;
  context: ServerContext;
  engine: Engine;
  /** Every outgoing call of flows and connections goes through it (the network policy). */
  http: GuardedHttpClient;
  keyring: Keyring;
  connections: ConnectionManager;
  catalog: ConnectorCatalog;
  healthChecks: ConnectionHealthChecks;
  /** Signs the callback URLs of webhook actions. */
  callbackKey: string;
  /** Resubmit and cancel (single runs and bulk jobs). */
  control: RunControl;
  jobs: JobRunner;
  failureWatch: FailureWatch;
  dailyDuties: DailyDuties;
  /** Started by start(), stopped in reverse order by close(). */
  services: BackgroundService[];
  start(): Promise<void>;
  close(): Promise<void>;
}

/** The master key from BROOK_SECRET_KEY, or the key file in the data folder (created on first start, mode 0600). */
function openKeyring(config: BrookConfig): Keyring {
  try {
    return loadKeyring({
      env: { BROOK_SECRET_KEY: config.secretKey, BROOK_SECRET_KEY_PREVIOUS: config.previousSecretKeys },
      keyFile: join(config.dataDir, 'secret.key'),
    }).keyring;
  } catch (error) {
    if (error instanceof SecretKeyError) throw new ConfigError([error.message]);
    throw error;
  }
}

async function openAndMigrate(config: BrookConfig, logger: Logger): Promise<BrookDatabase> {
  if (config.database === 'sqlite') mkdirSync(config.dataDir, { recursive: true });
  const database = openDatabase({
    url: config.databaseUrl,
    poolSize: config.databasePool,
    onConnectionLost: (error) => logger.warn({ err: error.message }, 'PostgreSQL ended a pooled connection; the next query opens a new one'),
  });
  try {
    await migrateToLatest(database.db as unknown as Kysely<unknown>, database.dialect);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

export async function openPlatform(config: BrookConfig, options: PlatformOptions = {}): Promise<Platform> {
  const logger = options.logger ?? createLogger(config);
  const now = options.now ?? Date.now;
  const keyring = openKeyring(config);
  const database = await openAndMigrate(config, logger);
  const platform = createPlatformStore(database);
  const flows = new FlowRepository(database.db);
  const runStore = createRunStore(database);
  const events = new EventHub(logger);

  const outboxes: (Outbox & { close?: () => void | Promise<void> })[] = [];
  if (config.smtpUrl) outboxes.push(createSmtpOutbox(config.smtpUrl, config.smtpFrom, logger));
  if (config.notifyWebhookUrl) outboxes.push(createWebhookOutbox(config.notifyWebhookUrl, logger));
  const context: ServerContext = {
    config,
    database,
    platform,
    flows,
    runQueries: new RunQueries(database.db),
    runStore,
    flowGuard: new FlowGuard(flows, platform),
    events,
    notifier: undefined as unknown as Notifier,
    logger,
    now,
    version: BROOK_VERSION,
    audit: auditRecorder(platform, logger, now),
  };
  const notifier = new Notifier({ platform, outboxes, logger, now, publicUrl: () => context.config.publicUrl });
  context.notifier = notifier;

  // Other processes may hold the HTTP request a Response answers (see events/postgres-bridge.ts),
  // or stream the runs this one executes (events/run-change-notices.ts).
  const instanceId = randomUUID();
  if (database.dialect === 'postgres') publishResponses(events, database, logger);
  const runChanges = database.dialect === 'postgres' ? new RunChangePublisher(events, database, instanceId, logger) : undefined;
  const failureWatch = new FailureWatch({ platform, flows, runs: context.runQueries, notifier, logger, now });
  events.subscribe((event) => {
    if (event.type === 'run') failureWatch.observe(event.run);
  });
  const dailyDuties = new DailyDuties({
    database,
    platform,
    flows,
    notifier,
    logger,
    now,
    digestHourUtc: config.digestHourUtc,
    autoDisableDays: config.autoDisableDays,
    // A flow that is off fires no schedule.
    onFlowTurnedOff: (flowId) => runStore.deleteScheduleTimers(flowId),
  });

  const http = new GuardedHttpClient({ network: { allowPrivateNetworks: config.allowPrivateNetworks } });
  const catalog = new ConnectorCatalog(platform, logger, now);
  await catalog.refresh();
  const connections = new ConnectionManager({
    store: new DatabaseConnectionStateStore({ platform, notifier, logger, now }),
    keyring,
    connectors: catalog.registry,
    http,
    clock: now,
    logger,
  });
  const signingKey = await callbackKey(platform);
  const engine = createServerEngine(context, {
    http: guardedEngineHttp(http),
    connections: new FlowConnectionInvoker(platform, flows, connections, now),
    callbackUrls: new ActionCallbackUrls(signingKey, () => context.config.publicUrl),
  });
  const control = new RunControl(context, new EngineRunControl(engine));
  const jobs = new JobRunner(context, control);
  const healthChecks = new ConnectionHealthChecks({ manager: connections, platform, notifier, logger, now }, config.healthCheckMinutes * 60_000);

  const services: BackgroundService[] = [{ name: 'daily notifications', start: () => dailyDuties.start(), stop: () => dailyDuties.stop() }];
  services.push({ name: 'connectors', start: () => catalog.startRefreshing(), stop: async () => catalog.stopRefreshing() });
  services.push({ name: 'connection health checks', start: () => healthChecks.start(), stop: () => healthChecks.stop() });
  services.push({ name: 'bulk jobs', start: () => jobs.start(), stop: () => jobs.stop() });
  if (config.workers > 0) services.push(workerService(engine, config.workers, config.workerConcurrency));
  let started = false;
  return {
    instanceId,
    context,
    engine,
    http,
    keyring,
    connections,
    catalog,
    healthChecks,
    callbackKey: signingKey,
    control,
    jobs,
    failureWatch,
    dailyDuties,
    services,
    async start() {
      for (const service of services) await service.start();
      started = true;
    },
    async close() {
      if (started) for (const service of [...services].reverse()) await service.stop();
      await runChanges?.close();
      await failureWatch.idle();
      await notifier.idle();
      for (const outbox of outboxes) await outbox.close?.();
      await connections.close();
      await http.close();
      if ('close' in runStore && typeof runStore.close === 'function') await runStore.close();
      await database.close();
    },
  };
}

// What every part of the server is handed (plain dependency passing, no container).
import type { Logger } from 'pino';
import type { BrookDatabase, FlowRepository, PlatformStore, RunQueries, SqlRunStore } from '@brook/store';
import type { BrookConfig } from '../config/config.js';
import type { Caller } from '../accounts/caller.js';
import type { EventHub } from '../events/hub.js';
import type { FlowGuard } from '../flows/access.js';
import type { Notifier } from '../notifications/notifier.js';

export interface ServerContext {
  config: BrookConfig;
  database: BrookDatabase;
  platform: PlatformStore;
  flows: FlowRepository;
  runQueries: RunQueries;
  runStore: SqlRunStore;
  flowGuard: FlowGuard;
  events: EventHub;
  notifier: Notifier;
  logger: Logger;
  now: () => number;
  version: string;
  /** Records who did what; never pass secrets in `detail`. */
  audit(actor: Caller | null, action: string, target: string, detail?: Record<string, unknown>): Promise<void>;
}

export function auditRecorder(platform: PlatformStore, logger: Logger, now: () => number): ServerContext['audit'] {
  return async (actor, action, target, detail = {}) => {
    try {
      await platform.audit.record({ actorId: actor?.user.id ?? null, action, target, detail }, now());
    } catch (error) {
      logger.error({ err: error, action, target }, 'could not write the audit record');
    }
  };
}

// The platform's repositories over one database: accounts, flow ownership, connections,
// notifications, audit, jobs. Built once per process and shared.
import type { BrookDatabase } from '../database.js';
import { ApiTokenRepository } from './api-tokens.js';
import { AuditRepository } from './audit.js';
import { ConnectionFailureRepository } from './connection-failures.js';
import { ConnectionRepository } from './connections.js';
import { FlowAccessRepository } from './flow-access.js';
import { FlowSettingsRepository } from './flow-settings.js';
import { ImportedConnectorRepository } from './imported-connectors.js';
import { JobRepository } from './jobs.js';
import { NotificationRepository } from './notifications.js';
import { OAuthStateRepository } from './oauth-states.js';
import { SessionRepository } from './sessions.js';
import { UserRepository } from './users.js';
import { PlatformValueRepository } from './values.js';
import { RateLimitRepository } from './rate-limits.js';

export interface PlatformStore {
  users: UserRepository;
  sessions: SessionRepository;
  apiTokens: ApiTokenRepository;
  flowAccess: FlowAccessRepository;
  flowSettings: FlowSettingsRepository;
  connections: ConnectionRepository;
  connectionFailures: ConnectionFailureRepository;
  notifications: NotificationRepository;
  audit: AuditRepository;
  jobs: JobRepository;
  oauthStates: OAuthStateRepository;
  values: PlatformValueRepository;
  importedConnectors: ImportedConnectorRepository;
  rateLimits: RateLimitRepository;
}

export function createPlatformStore(database: BrookDatabase): PlatformStore {
  const { db } = database;
  return {
    users: new UserRepository(db),
    sessions: new SessionRepository(db),
    apiTokens: new ApiTokenRepository(db),
    flowAccess: new FlowAccessRepository(db),
    flowSettings: new FlowSettingsRepository(db),
    connections: new ConnectionRepository(db),
    connectionFailures: new ConnectionFailureRepository(db),
    notifications: new NotificationRepository(db),
    audit: new AuditRepository(db),
    jobs: new JobRepository(db),
    oauthStates: new OAuthStateRepository(db),
    values: new PlatformValueRepository(db),
    importedConnectors: new ImportedConnectorRepository(db),
    rateLimits: new RateLimitRepository(db),
  };
}

export { newId } from './ids.js';
export { normalizeEmail, type UserRecord, type NewUser, UserRepository } from './users.js';
export type { SessionRecord, SessionRepository } from './sessions.js';
export type { ApiTokenRecord, ApiTokenRepository } from './api-tokens.js';
export type { FlowAccessEntry, FlowAccessRepository } from './flow-access.js';
export type { FlowSettings, FlowSettingsRepository } from './flow-settings.js';
export type { ConnectionRecord, NewConnection, ConnectionStatusChange, ConnectionRepository } from './connections.js';
export type { ConnectionFailure, BrokenCount, ConnectionFailureRepository } from './connection-failures.js';
export type { NotificationRecord, NotificationRepository } from './notifications.js';
export type { AuditRecord, AuditPage, AuditRepository } from './audit.js';
export type { JobRecord, JobItem, JobRepository } from './jobs.js';
export type { OAuthStateRecord, OAuthStateRepository } from './oauth-states.js';
export type { PlatformValueRepository } from './values.js';
export type { ImportedConnectorRecord, ImportedConnectorRepository } from './imported-connectors.js';
export type { RateLimitRepository, RateLimitTake } from './rate-limits.js';

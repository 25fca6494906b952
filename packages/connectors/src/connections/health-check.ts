// The health check: verify every connection (the server runs it on a schedule, every
// 6 hours by default) so that an owner learns a credential stopped working before a
// flow does, and notice tokens that will expire without a way to refresh them.
import type { ConnectionStatus } from '../definitions/types.js';
import { loadConnection } from './loaded-connection.js';
import type { ConnectionRuntime } from './runtime.js';
import type { TokenRefresher } from './token-refresher.js';
import { verifyStored } from './verify.js';

export const DEFAULT_HEALTH_CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;
export const DEFAULT_EXPIRY_WARNING_MS = 24 * 60 * 60 * 1000;

export interface HealthCheckOptions {
  /** Only these connections (default: all). */
  connectionIds?: string[];
  /** Report tokens that expire within this time and cannot be refreshed (default 24 h). */
  expiringWithinMs?: number;
  /** Connections verified at once (default 4). */
  concurrency?: number;
}

export interface ConnectionHealth {
  connectionId: string;
  name: string;
  before: ConnectionStatus | null;
  after: ConnectionStatus;
  /** True when the status changed: the server notifies the owner. */
  changed: boolean;
  message: string;
  tokenExpiresAt: number | null;
  /** The token expires soon and cannot be refreshed: the owner must sign in again. */
  expiringSoon: boolean;
}

export interface HealthReport {
  startedAt: number;
  finishedAt: number;
  results: ConnectionHealth[];
}

async function checkOne(runtime: ConnectionRuntime, refresher: TokenRefresher, id: string, window: number): Promise<ConnectionHealth> {
  let connection;
  try {
    connection = await loadConnection(runtime, id);
  } catch (error) {
    return { connectionId: id, name: id, before: null, after: 'error', changed: true, message: (error as Error).message, tokenExpiresAt: null, expiringSoon: false };
  }
  const before = connection.record.status;
  const result = await verifyStored(runtime, refresher, connection);
  const after = await runtime.store.getConnection(id);
  const tokenExpiresAt = after?.tokenExpiresAt ?? null;
  const refreshable = connection.scheme.tokenGrant === 'client_credentials' || !!connection.bundle.tokens?.refreshToken;
  const expiringSoon = connection.scheme.tokenGrant !== undefined && !refreshable && tokenExpiresAt !== null && tokenExpiresAt - runtime.clock() <= window;
  return { connectionId: id, name: connection.record.name, before, after: result.status, changed: before !== result.status, message: result.message, tokenExpiresAt, expiringSoon };
}

export async function runHealthCheck(runtime: ConnectionRuntime, refresher: TokenRefresher, options: HealthCheckOptions = {}): Promise<HealthReport> {
  const startedAt = runtime.clock();
  const ids = options.connectionIds ?? (await runtime.store.listConnectionIds());
  const window = options.expiringWithinMs ?? DEFAULT_EXPIRY_WARNING_MS;
  const results: ConnectionHealth[] = new Array<ConnectionHealth>(ids.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const index = next++;
      results[index] = await checkOne(runtime, refresher, ids[index]!, window);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, ids.length)) }, worker));
  return { startedAt, finishedAt: runtime.clock(), results };
}

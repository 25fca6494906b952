// What the parts of the connection manager share (plain dependency passing).
import type { ConnectorRegistry } from '../definitions/registry.js';
import type { HttpClient } from '../http/http-client.js';
import type { Keyring } from '../secrets/keyring.js';
import type { SmtpTransport } from '../smtp/smtp-transport.js';
import type { ConnectionStateStore } from './state-store.js';

/** The subset of a pino logger the manager uses. Never given a secret. */
export interface ConnectionLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface RefreshSettings {
  /** Refresh this long before a token expires (default 5 minutes). */
  marginMs: number;
  /** How long a refresh lease holds before another process may take over (default 30 s). */
  leaseTtlMs: number;
  /** How long a call waits for another process's refresh (default: lease time + 5 s). */
  waitTimeoutMs: number;
  /** How often a waiting call looks again (default 50 ms). */
  pollIntervalMs: number;
}

export interface ConnectionRuntime {
  store: ConnectionStateStore;
  keyring: Keyring;
  connectors: ConnectorRegistry;
  http: HttpClient;
  smtp: SmtpTransport;
  /** Epoch ms; tests move it to expire tokens. */
  clock: () => number;
  /** Identifies this process in refresh leases. */
  instanceId: string;
  refresh: RefreshSettings;
  oauthStateTtlMs: number;
  /** A successful call records the success at most this often per connection (default 60 s). */
  successRecordIntervalMs: number;
  log: ConnectionLogger;
}

export const silentLogger: ConnectionLogger = { info: () => undefined, warn: () => undefined };

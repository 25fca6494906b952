// ConnectionStateStore in memory: for tests, benchmarks and in-process runs. Several
// ConnectionManagers sharing one instance behave like processes sharing a database.
import type { SecretRecord, SecretRecords } from '../secrets/rotation.js';
import type { ConnectionStateStore, CredentialWrite, CredentialWriteResult, OAuthStateRecord, StatusUpdate, StoredConnection } from './state-store.js';

export class InMemoryConnectionStateStore implements ConnectionStateStore {
  private readonly connections = new Map<string, StoredConnection>();
  private readonly leases = new Map<string, { holder: string; until: number }>();
  private readonly oauthStates = new Map<string, OAuthStateRecord>();
  /** Counts, for tests that check how the store was used. */
  readonly counters = { leaseAcquired: 0, leaseRefused: 0, credentialWrites: 0, credentialConflicts: 0 };

  async getConnection(id: string): Promise<StoredConnection | null> {
    const found = this.connections.get(id);
    return found ? structuredClone(found) : null;
  }

  async listConnectionIds(): Promise<string[]> {
    return [...this.connections.keys()].sort();
  }

  async insertConnection(connection: StoredConnection): Promise<void> {
    if (this.connections.has(connection.id)) throw new Error(`Connection ${connection.id} already exists.`);
    this.connections.set(connection.id, structuredClone(connection));
  }

  async writeCredentials(id: string, write: CredentialWrite): Promise<CredentialWriteResult> {
    const current = this.connections.get(id);
    if (!current || current.revision !== write.expectedRevision) {
      this.counters.credentialConflicts += 1;
      return { ok: false };
    }
    this.counters.credentialWrites += 1;
    current.revision += 1;
    if (write.parameters) current.parameters = structuredClone(write.parameters);
    current.secretNames = [...write.secretNames];
    current.secretsSealed = write.secretsSealed;
    current.tokenExpiresAt = write.tokenExpiresAt;
    current.updatedAt = Date.now();
    if (write.status) this.applyStatus(current, write.status);
    return { ok: true, revision: current.revision };
  }

  async recordStatus(id: string, update: StatusUpdate): Promise<void> {
    const current = this.connections.get(id);
    if (current) this.applyStatus(current, update);
  }

  async acquireRefreshLease(id: string, holder: string, until: number, now: number): Promise<boolean> {
    const lease = this.leases.get(id);
    if (lease && lease.holder !== holder && lease.until > now) {
      this.counters.leaseRefused += 1;
      return false;
    }
    this.leases.set(id, { holder, until });
    this.counters.leaseAcquired += 1;
    return true;
  }

  async releaseRefreshLease(id: string, holder: string): Promise<void> {
    if (this.leases.get(id)?.holder === holder) this.leases.delete(id);
  }

  async saveOAuthState(record: OAuthStateRecord): Promise<void> {
    this.oauthStates.set(record.state, { ...record });
  }

  async takeOAuthState(state: string): Promise<OAuthStateRecord | null> {
    const record = this.oauthStates.get(state);
    this.oauthStates.delete(state);
    return record ?? null;
  }

  /** The sealed secrets as SecretRecords, for `resealSecrets` (key rotation). */
  secretRecords(): SecretRecords {
    return {
      list: async ({ after, limit }) =>
        [...this.connections.values()]
          .filter((connection) => connection.secretsSealed !== null && (after === null || connection.id > after))
          .sort((a, b) => (a.id < b.id ? -1 : 1))
          .slice(0, limit)
          .map((connection): SecretRecord => ({ id: connection.id, sealed: connection.secretsSealed!, associatedData: `connection:${connection.id}` })),
      replace: async (id, expected, next) => {
        const connection = this.connections.get(id);
        if (!connection || connection.secretsSealed !== expected) return false;
        // Same content under another key: the revision stays, so no writer is disturbed.
        connection.secretsSealed = next;
        return true;
      },
    };
  }

  private applyStatus(connection: StoredConnection, update: StatusUpdate): void {
    connection.status = update.status;
    connection.statusReason = update.statusReason;
    connection.lastCheckedAt = update.lastCheckedAt;
    if (update.lastSuccessAt !== undefined) connection.lastSuccessAt = update.lastSuccessAt;
    connection.updatedAt = Date.now();
  }
}

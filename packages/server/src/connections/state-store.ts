// The connection service's ConnectionStateStore on Brook's database. A status change is
// also what people hear about: a connection that becomes unauthenticated is announced
// once to its owner (until it verifies again), with the link that fixes it.
import { fixActionFor, fixActionLabel, type ConnectionStateStore, type CredentialWrite, type CredentialWriteResult, type OAuthStateRecord, type StatusUpdate, type StoredConnection } from '@brook/connectors';
import type { ConnectionRecord, ConnectionStatusValue, PlatformStore } from '@brook/store';
import type { Logger } from 'pino';
import { connectionUnauthenticatedNotice } from '../notifications/messages.js';
import type { Notifier } from '../notifications/notifier.js';

export const connectionUnauthenticatedCause = (connectionId: string): string => `connection-unauthenticated:${connectionId}`;

function toStored(record: ConnectionRecord): StoredConnection {
  return { ...record, authType: record.authType as StoredConnection['authType'] };
}

export class DatabaseConnectionStateStore implements ConnectionStateStore {
  constructor(
    private readonly deps: { platform: PlatformStore; notifier: Notifier; logger: Logger; now: () => number },
  ) {}

  async getConnection(id: string): Promise<StoredConnection | null> {
    const record = await this.deps.platform.connections.get(id);
    return record ? toStored(record) : null;
  }

  listConnectionIds(): Promise<string[]> {
    return this.deps.platform.connections.listIds();
  }

  async insertConnection(connection: StoredConnection): Promise<void> {
    await this.deps.platform.connections.insert(connection);
  }

  async writeCredentials(id: string, write: CredentialWrite): Promise<CredentialWriteResult> {
    const before = write.status ? await this.deps.platform.connections.get(id) : undefined;
    const result = await this.deps.platform.connections.writeCredentials(
      id,
      {
        expectedRevision: write.expectedRevision,
        ...(write.parameters !== undefined ? { parameters: write.parameters } : {}),
        secretNames: write.secretNames,
        secretsSealed: write.secretsSealed,
        tokenExpiresAt: write.tokenExpiresAt,
        ...(write.status ? { status: { status: write.status.status, statusReason: write.status.statusReason, checkedAt: write.status.lastCheckedAt, succeededAt: write.status.lastSuccessAt } } : {}),
      },
      this.deps.now(),
    );
    if (result.ok && write.status && before) await this.statusChanged(id, before.status, write.status);
    return result;
  }

  async recordStatus(id: string, update: StatusUpdate): Promise<void> {
    const before = await this.deps.platform.connections.setStatus(id, {
      status: update.status,
      statusReason: update.statusReason,
      checkedAt: update.lastCheckedAt,
      ...(update.lastSuccessAt !== undefined ? { succeededAt: update.lastSuccessAt } : {}),
    });
    if (before !== undefined) await this.statusChanged(id, before, update);
  }

  acquireRefreshLease(id: string, holder: string, until: number, now: number): Promise<boolean> {
    return this.deps.platform.connections.acquireRefreshLease(id, holder, until, now);
  }

  releaseRefreshLease(id: string, holder: string): Promise<void> {
    return this.deps.platform.connections.releaseRefreshLease(id, holder);
  }

  saveOAuthState(record: OAuthStateRecord): Promise<void> {
    return this.deps.platform.oauthStates.save(record);
  }

  async takeOAuthState(state: string): Promise<OAuthStateRecord | null> {
    return (await this.deps.platform.oauthStates.take(state, this.deps.now())) ?? null;
  }

  /** Announces a connection that stopped authenticating; closes the cause when it works again. */
  private async statusChanged(id: string, before: ConnectionStatusValue, update: StatusUpdate): Promise<void> {
    try {
      if (update.status === 'connected') {
        if (before !== 'connected') await this.deps.notifier.resolve(connectionUnauthenticatedCause(id));
        return;
      }
      if (update.status !== 'unauthenticated') return;
      const connection = await this.deps.platform.connections.get(id);
      if (!connection) return;
      const label = fixActionLabel(fixActionFor(connection.authType as StoredConnection['authType']));
      await this.deps.notifier.raise(connectionUnauthenticatedCause(id), [connection.ownerId], connectionUnauthenticatedNotice(connection, update.statusReason, label));
    } catch (error) {
      this.deps.logger.error({ err: error, connectionId: id }, 'could not announce a connection status change');
    }
  }
}

// Who may use or change a connection: its owner and administrators change it; people it
// is shared with may use it in their flows and see its status, never its secrets.
import type { ConnectionRecord, PlatformStore } from '@brook/store';
import { isAdmin, type Caller } from '../accounts/caller.js';
import { notFound } from '../http/errors.js';

export class ConnectionGuard {
  constructor(private readonly platform: PlatformStore) {}

  async visible(caller: Caller): Promise<ConnectionRecord[]> {
    return isAdmin(caller) ? this.platform.connections.listAll() : this.platform.connections.listVisibleTo(caller.user.id);
  }

  /** The connection when the caller may use it (owner, shared with them, admin); 404 otherwise. */
  async requireUsable(caller: Caller, connectionId: string): Promise<ConnectionRecord> {
    const connection = await this.platform.connections.get(connectionId);
    if (connection && (isAdmin(caller) || connection.ownerId === caller.user.id)) return connection;
    if (connection && (await this.platform.connections.sharesOf([connection.id])).get(connection.id)?.includes(caller.user.id)) return connection;
    throw notFound('The connection');
  }

  /** The connection when the caller may change it (owner or admin); 404 for others, even those it is shared with. */
  async requireEditable(caller: Caller, connectionId: string): Promise<ConnectionRecord> {
    const connection = await this.requireUsable(caller, connectionId);
    if (isAdmin(caller) || connection.ownerId === caller.user.id) return connection;
    throw notFound('The connection');
  }

  canEdit(caller: Caller, connection: ConnectionRecord): boolean {
    return isAdmin(caller) || connection.ownerId === caller.user.id;
  }
}

// The API's Connector and Connection: what the portal shows, never a secret.
import { connectionParameters, toConnectionView, type ConnectorDefinition, type ConnectorRegistry } from '@brook/connectors';
import type { ConnectionRecord, PlatformStore } from '@brook/store';
import type { Caller } from '../accounts/caller.js';
import type { ConnectionGuard } from './access.js';

export function connectorView(connector: ConnectorDefinition) {
  return {
    id: connector.id,
    name: connector.name,
    description: connector.description,
    builtIn: connector.builtIn,
    authType: connector.authType,
    parameters: connectionParameters(connector, connector.authType).map((parameter) => ({ ...parameter, ...(parameter.options ? { options: [...parameter.options] } : {}) })),
    authOptions: [connector.authType, ...connector.authOptions.filter((option) => option !== connector.authType)].map((option) => ({
      authType: option,
      parameters: connectionParameters(connector, option).map((parameter) => ({ ...parameter, ...(parameter.options ? { options: [...parameter.options] } : {}) })),
    })),
    operations: connector.operations.filter((operation) => operation.visibility !== 'internal').map((operation) => ({ id: operation.id, method: operation.method, path: operation.path, summary: operation.summary })),
  };
}

export class ConnectionViews {
  constructor(
    private readonly platform: PlatformStore,
    private readonly registry: ConnectorRegistry,
    private readonly guard: ConnectionGuard,
  ) {}

  async list(caller: Caller, connections: readonly ConnectionRecord[]) {
    const ids = connections.map((connection) => connection.id);
    const [shares, broken] = await Promise.all([this.platform.connections.sharesOf(ids), this.platform.connectionFailures.brokenCounts(ids)]);
    const people = new Map(
      (await this.platform.users.findMany([...connections.map((c) => c.ownerId), ...[...shares.values()].flat()])).map((user) => [user.id, user.name]),
    );
    const person = (id: string) => ({ id, name: people.get(id) ?? 'Unknown user' });
    return connections.map((connection) => {
      const { ownerId: _ownerId, ...view } = toConnectionView(
        { ...connection, authType: connection.authType as ConnectorDefinition['authType'] },
        this.registry.get(connection.connectorId)?.name ?? connection.connectorId,
      );
      const count = broken.get(connection.id);
      return {
        ...view,
        owner: person(connection.ownerId),
        sharedWith: (shares.get(connection.id) ?? []).map(person),
        canEdit: this.guard.canEdit(caller, connection),
        broken: { runs: count?.runs ?? 0, flows: count?.flows ?? 0, since: count?.since ? new Date(count.since).toISOString() : null },
      };
    });
  }

  async one(caller: Caller, connection: ConnectionRecord) {
    return (await this.list(caller, [connection]))[0]!;
  }
}

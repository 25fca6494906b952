// The connectors this server offers: the built-in ones and those imported from OpenAPI
// documents. Imports are kept in the database; every process loads them at start and
// picks up imports made elsewhere within a few seconds.
import { ConnectorRegistry, ConnectorImportError, importOpenApiConnector, type ConnectorDefinition, type ImportedConnector } from '@brook/connectors';
import type { PlatformStore } from '@brook/store';
import type { Logger } from 'pino';
import { ApiError } from '../http/errors.js';

export class ConnectorCatalog {
  readonly registry = new ConnectorRegistry();
  private loadedAt = -1;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly platform: PlatformStore,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Loads imported connectors changed since the last load. */
  async refresh(): Promise<void> {
    const last = await this.platform.importedConnectors.lastChange();
    if (last <= this.loadedAt) return;
    for (const record of await this.platform.importedConnectors.list()) {
      try {
        this.registry.add(record.definition as ConnectorDefinition);
      } catch (error) {
        this.logger.warn({ err: error, connectorId: record.id }, 'an imported connector could not be loaded');
      }
    }
    this.loadedAt = last;
  }

  startRefreshing(intervalMs = 5000): void {
    this.timer = setInterval(() => void this.refresh().catch((error: unknown) => this.logger.warn({ err: error }, 'reloading connectors failed')), intervalMs);
    this.timer.unref();
  }

  stopRefreshing(): void {
    clearInterval(this.timer);
  }

  /** Imports an OpenAPI 2/3 document (JSON or YAML) as a connector; 400 names each problem. */
  async import(document: string, options: { name?: string; importedBy: string }): Promise<ImportedConnector> {
    let imported: ImportedConnector;
    try {
      imported = importOpenApiConnector(document, options.name ? { name: options.name } : {});
    } catch (error) {
      if (error instanceof ConnectorImportError) {
        throw new ApiError(400, 'ValidationFailed', `The OpenAPI document cannot be imported: ${error.problems[0]?.message ?? error.message}`, error.problems.map((problem) => ({ path: `/document${problem.path}`, message: problem.message })));
      }
      throw new ApiError(400, 'ValidationFailed', `The OpenAPI document cannot be read: ${error instanceof Error ? error.message : String(error)}`, [{ path: '/document', message: 'not an OpenAPI document' }]);
    }
    const { connector } = imported;
    if (this.registry.get(connector.id)?.builtIn) {
      throw new ApiError(409, 'Conflict', `"${connector.id}" is the id of a built-in connector; import it under another name.`, [{ path: '/name', message: 'choose another name' }]);
    }
    await this.platform.importedConnectors.save({ id: connector.id, name: connector.name, definition: connector, importedBy: options.importedBy }, this.now());
    this.registry.add(connector);
    return imported;
  }
}

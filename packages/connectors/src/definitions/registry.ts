// The connectors Brook knows: the built-in ones and those imported from OpenAPI
// documents (the server keeps the imported ones in its database and adds them at start).
import { httpConnector } from './builtin-http.js';
import { smtpConnector } from './builtin-smtp.js';
import type { ConnectorDefinition } from './types.js';

export function builtInConnectors(): ConnectorDefinition[] {
  return [httpConnector, smtpConnector];
}

export class ConnectorRegistry {
  private readonly connectors = new Map<string, ConnectorDefinition>();

  constructor(connectors: ConnectorDefinition[] = builtInConnectors()) {
    for (const connector of connectors) this.connectors.set(connector.id, connector);
  }

  get(id: string): ConnectorDefinition | undefined {
    return this.connectors.get(id);
  }

  list(): ConnectorDefinition[] {
    return [...this.connectors.values()].sort((a, b) => Number(b.builtIn) - Number(a.builtIn) || a.name.localeCompare(b.name));
  }

  /** Adds or replaces an imported connector; built-in ones cannot be replaced. */
  add(connector: ConnectorDefinition): void {
    if (this.connectors.get(connector.id)?.builtIn) throw new Error(`"${connector.id}" is a built-in connector; import under another id.`);
    this.connectors.set(connector.id, connector);
  }

  remove(id: string): boolean {
    if (this.connectors.get(id)?.builtIn) return false;
    return this.connectors.delete(id);
  }
}

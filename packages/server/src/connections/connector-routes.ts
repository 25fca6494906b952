// Connectors API: the connectors connections can be made for, and importing one from an
// OpenAPI document.
import { z } from 'zod';
import type { ServerContext } from '../app/context.js';
import type { ApiRouter } from '../http/router.js';
import type { ConnectorCatalog } from './catalog.js';
import { connectorSchema, importConnectorBody } from './schemas.js';
import { connectorView } from './views.js';

export function registerConnectorRoutes(api: ApiRouter, context: ServerContext, catalog: ConnectorCatalog): void {
  const tag = 'connections';
  api.add({ method: 'GET', url: '/api/v1/connectors', access: 'user', tag, summary: 'The connectors connections can be made for', response: z.object({ items: z.array(connectorSchema) }) }, async () => {
    await catalog.refresh();
    return { items: catalog.registry.list().map(connectorView) };
  });

  api.add({ method: 'POST', url: '/api/v1/connectors/import', access: 'user', tag, summary: 'Import a connector from an OpenAPI 2 or 3 document (JSON or YAML)', body: importConnectorBody, status: 201, response: connectorSchema }, async ({ caller, body }) => {
    const imported = await catalog.import(body.document, { ...(body.name ? { name: body.name } : {}), importedBy: caller.user.id });
    await context.audit(caller, 'connector.import', `connector:${imported.connector.id}`, { name: imported.connector.name, operations: imported.connector.operations.length });
    return connectorView(imported.connector);
  });

}

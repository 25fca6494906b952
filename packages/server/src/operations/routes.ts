// Operations: health for load balancers and the OpenAPI document.
import { z } from 'zod';
import type { ServerContext } from '../app/context.js';
import { buildOpenApiDocument } from '../http/openapi.js';
import type { ApiRouter } from '../http/router.js';

const healthSchema = z.object({ status: z.enum(['ok', 'degraded']), database: z.enum(['sqlite', 'postgres']), version: z.string() });

export function registerOperationRoutes(api: ApiRouter, context: ServerContext): void {
  api.add({ method: 'GET', url: '/healthz', access: 'anonymous', tag: 'operations', summary: 'Health: the server answers and reaches its database', response: healthSchema }, async ({ reply }) => {
    try {
      await context.database.db.selectFrom('platform_values').select('key').limit(1).execute();
      return { status: 'ok', database: context.database.dialect, version: context.version };
    } catch (error) {
      context.logger.error({ err: error }, 'health check: the database does not answer');
      void reply.status(503);
      return { status: 'degraded', database: context.database.dialect, version: context.version };
    }
  });

  let document: Record<string, unknown> | undefined;
  api.add({ method: 'GET', url: '/api/v1/openapi.json', access: 'anonymous', tag: 'operations', summary: 'This API, described in OpenAPI 3.1' }, async () => {
    document ??= buildOpenApiDocument(api.catalog, { version: context.version, serverUrl: context.config.publicUrl });
    return document;
  });
}

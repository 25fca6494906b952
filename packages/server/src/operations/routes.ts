// Operations: health for load balancers, Prometheus metrics and the OpenAPI document.
import { z } from 'zod';
import type { ServerContext } from '../app/context.js';
import { buildOpenApiDocument } from '../http/openapi.js';
import type { ApiRouter } from '../http/router.js';
import type { ServerMetrics } from './server-metrics.js';

const healthSchema = z.object({ status: z.enum(['ok', 'degraded']), database: z.enum(['sqlite', 'postgres']), version: z.string() });

export function registerOperationRoutes(api: ApiRouter, context: ServerContext, metrics: ServerMetrics): void {
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

  api.add({ method: 'GET', url: '/metrics', access: 'anonymous', tag: 'operations', summary: 'Prometheus metrics: runs by status, queue depth, action and request latency' }, async ({ reply }) => {
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(await metrics.render());
  });

  let document: Record<string, unknown> | undefined;
  api.add({ method: 'GET', url: '/api/v1/openapi.json', access: 'anonymous', tag: 'operations', summary: 'This API, described in OpenAPI 3.1' }, async () => {
    document ??= buildOpenApiDocument(api.catalog, { version: context.version, serverUrl: context.config.publicUrl });
    return document;
  });
}

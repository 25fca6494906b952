// The OpenAPI 3.1 document at /api/v1/openapi.json, generated from the route catalog's
// zod schemas: the same schemas that validate requests, so the document cannot drift.
import { z } from 'zod';
import { openApiPath, type CatalogEntry } from './router.js';

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete json.$schema;
  return json;
}

const errorSchema: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
      },
    },
  },
};

function parametersOf(entry: CatalogEntry): JsonSchema[] {
  const out: JsonSchema[] = [];
  const add = (schema: z.ZodType | undefined, place: 'path' | 'query'): void => {
    if (!schema) return;
    const json = schemaOf(schema, 'input');
    const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((json.required ?? []) as string[]);
    for (const [name, property] of Object.entries(properties)) {
      out.push({ name, in: place, required: place === 'path' || required.has(name), schema: property, ...(property.description ? { description: property.description } : {}) });
    }
  };
  add(entry.params, 'path');
  add(entry.query, 'query');
  return out;
}

function securityOf(entry: CatalogEntry): JsonSchema[] | undefined {
  if (entry.access === 'anonymous' || entry.access === 'public') return [];
  return [{ session: [] }, { token: [] }];
}

export function buildOpenApiDocument(catalog: readonly CatalogEntry[], info: { version: string; serverUrl: string }): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const entry of catalog) {
    const methods = Array.isArray(entry.method) ? entry.method : [entry.method];
    const path = openApiPath(entry.url);
    for (const method of methods) {
      const status = String(entry.status ?? 200);
      const responses: Record<string, JsonSchema> = {
        [status]: entry.response
          ? { description: 'Success', content: { 'application/json': { schema: schemaOf(entry.response, 'output') } } }
          : { description: 'Success' },
        default: { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      };
      const operation: JsonSchema = {
        operationId: `${method.toLowerCase()}${path.replace(/[{}]/g, '').split('/').filter(Boolean).map((part) => part[0]!.toUpperCase() + part.slice(1).replace(/[^A-Za-z0-9]/g, '')).join('')}`,
        summary: entry.summary,
        tags: [entry.tag],
        parameters: parametersOf(entry),
        responses,
        ...(entry.access === 'admin' ? { description: 'Administrators only.' } : {}),
      };
      const security = securityOf(entry);
      if (security) operation.security = security;
      if (entry.body) operation.requestBody = { required: true, content: { 'application/json': { schema: schemaOf(entry.body, 'input') } } };
      if (entry.rawBody) operation.requestBody = { required: false, content: { '*/*': { schema: {} } } };
      (paths[path] ??= {})[method.toLowerCase()] = operation;
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Brook API',
      version: info.version,
      description: 'Flows, runs, connections and notifications of a Brook server. Errors always have the shape of the Error schema.',
    },
    servers: [{ url: info.serverUrl }],
    paths,
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'brook_session', description: 'Changes also need the x-csrf-token header.' },
        token: { type: 'http', scheme: 'bearer', description: 'A personal API token (brk_…).' },
      },
    },
  };
}

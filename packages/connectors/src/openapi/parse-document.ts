// Reading an OpenAPI document given as JSON or YAML text (or already parsed).
import { parseDocument } from 'yaml';
import { ConnectorImportError, isObject, type Json } from './problems.js';

export interface OpenApiDocument {
  version: 2 | 3;
  document: Json;
}

export function parseOpenApiDocument(source: string | object): OpenApiDocument {
  let value: unknown = source;
  if (typeof source === 'string') {
    const trimmed = source.trim();
    if (trimmed === '') throw new ConnectorImportError([{ path: '', message: 'The document is empty.' }]);
    if (trimmed.startsWith('{')) {
      try {
        value = JSON.parse(trimmed);
      } catch (error) {
        throw new ConnectorImportError([{ path: '', message: `The document is not valid JSON: ${(error as Error).message}` }]);
      }
    } else {
      const parsed = parseDocument(trimmed, { uniqueKeys: false });
      const first = parsed.errors[0];
      if (first) {
        const where = first.linePos?.[0];
        throw new ConnectorImportError([{ path: '', message: `The document is not valid YAML${where ? ` (line ${where.line}, column ${where.col})` : ''}: ${first.message.split('\n')[0]}` }]);
      }
      value = parsed.toJS({ maxAliasCount: 1000 });
    }
  }
  if (!isObject(value)) throw new ConnectorImportError([{ path: '', message: 'The document must be an object (an OpenAPI 2.0 or 3.x document).' }]);
  if (value.swagger === '2.0') return { version: 2, document: value };
  if (typeof value.openapi === 'string' && value.openapi.startsWith('3.')) return { version: 3, document: value };
  throw new ConnectorImportError([
    { path: '', message: 'This is not an OpenAPI 2.0 or 3.x document: it needs "swagger": "2.0" or "openapi": "3.x" at the top.' },
  ]);
}

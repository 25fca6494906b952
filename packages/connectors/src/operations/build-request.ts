// Maps an operation's inputs (the OpenApiConnection `parameters` object, keys like
// "count", "$filter", "body/content") onto path, query, headers and body.
import type { ConnectorOperation, OperationParameter } from '../definitions/types.js';
import { OperationInputError, type ConnectionRequest, type QueryValue } from './connection-request.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Finds the input a key names; body keys match the body parameter's name case-insensitively ("Body/content" = "body/content"). */
function lookup(operation: ConnectorOperation, key: string): OperationParameter | undefined {
  const exact = operation.parameters.find((parameter) => parameter.name === key);
  if (exact) return exact;
  const lower = key.toLowerCase();
  return operation.parameters.find((parameter) => parameter.name.toLowerCase() === lower);
}

function setAt(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  path.forEach((segment, index) => {
    if (index === path.length - 1) node[segment] = value;
    else {
      if (!isObject(node[segment])) node[segment] = {};
      node = node[segment] as Record<string, unknown>;
    }
  });
}

function valueAt(value: unknown, path: string[]): unknown {
  if (path.length === 0) return undefined;
  return path.reduce<unknown>((node, segment) => (isObject(node) ? node[segment] : undefined), value);
}

function asQueryValue(value: unknown): QueryValue {
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'object' ? JSON.stringify(item) : (item as string | number | boolean)));
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

function genericRequest(operation: ConnectorOperation, values: Record<string, unknown>): ConnectionRequest {
  const method = typeof values.method === 'string' && values.method ? values.method.toUpperCase() : 'GET';
  if (!/^[A-Z]+$/.test(method)) throw new OperationInputError('InvalidOperationInput', 'parameters/method', `"${method}" is not an HTTP method.`);
  const request: ConnectionRequest = { method, path: typeof values.path === 'string' ? values.path : '' };
  if (values.queries !== undefined) {
    if (!isObject(values.queries)) throw new OperationInputError('InvalidOperationInput', 'parameters/queries', 'queries must be an object of names and values.');
    request.query = Object.fromEntries(Object.entries(values.queries).map(([name, value]) => [name, asQueryValue(value)]));
  }
  if (values.headers !== undefined) {
    if (!isObject(values.headers)) throw new OperationInputError('InvalidOperationInput', 'parameters/headers', 'headers must be an object of names and values.');
    request.headers = Object.fromEntries(Object.entries(values.headers).map(([name, value]) => [name, String(value)]));
  }
  if (values.body !== undefined) request.body = values.body;
  const unknown = Object.keys(values).filter((key) => !operation.parameters.some((parameter) => parameter.name === key));
  if (unknown.length > 0) throw unknownInputs(operation, unknown);
  return request;
}

function unknownInputs(operation: ConnectorOperation, keys: string[]): OperationInputError {
  const known = operation.parameters.filter((parameter) => parameter.visibility !== 'internal').map((parameter) => parameter.name);
  return new OperationInputError(
    'InvalidOperationInput',
    `parameters/${keys[0]}`,
    `${keys.map((key) => `"${key}"`).join(', ')} ${keys.length === 1 ? 'is not an input' : 'are not inputs'} of operation ${operation.id}; its inputs are ${known.join(', ') || 'none'}.`,
  );
}

export function buildOperationRequest(operation: ConnectorOperation, values: Record<string, unknown> = {}): ConnectionRequest {
  if (operation.method === 'ANY') return genericRequest(operation, values);
  const given = new Map<OperationParameter, unknown>();
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    const parameter = lookup(operation, key);
    if (!parameter) unknown.push(key);
    else if (value !== undefined) given.set(parameter, value);
  }
  if (unknown.length > 0) throw unknownInputs(operation, unknown);
  const wholeBody = [...given.entries()].find(([parameter]) => parameter.in === 'body' && (parameter.bodyPath ?? []).length === 0)?.[1];
  for (const parameter of operation.parameters) {
    if (given.has(parameter)) continue;
    if (parameter.in === 'body' && valueAt(wholeBody, parameter.bodyPath ?? []) !== undefined) continue;
    if (parameter.default !== undefined && (parameter.required || parameter.visibility === 'internal')) given.set(parameter, parameter.default);
    else if (parameter.required) {
      throw new OperationInputError(
        'MissingRequiredProperty',
        `parameters/${parameter.name}`,
        `Operation ${operation.id} (${operation.summary}) needs "${parameter.name}"${parameter.summary ? ` (${parameter.summary})` : ''}.`,
      );
    }
  }
  let path = operation.path;
  const query: Record<string, QueryValue> = {};
  const headers: Record<string, string> = {};
  const form: Record<string, unknown> = {};
  let body: unknown;
  let hasBody = false;
  let hasForm = false;
  // The whole body first, so flattened properties are set into it.
  const ordered = [...given.entries()].sort(([a], [b]) => (a.bodyPath?.length ?? 0) - (b.bodyPath?.length ?? 0));
  for (const [parameter, value] of ordered) {
    switch (parameter.in) {
      case 'path':
        path = path.split(`{${parameter.wireName}}`).join(encodeURIComponent(typeof value === 'object' ? JSON.stringify(value) : String(value)));
        break;
      case 'query':
        query[parameter.wireName] = asQueryValue(value);
        break;
      case 'header':
        headers[parameter.wireName] = typeof value === 'object' ? JSON.stringify(value) : String(value);
        break;
      case 'formData':
        form[parameter.wireName] = value;
        hasForm = true;
        break;
      case 'body': {
        const bodyPath = parameter.bodyPath ?? [];
        if (bodyPath.length === 0) body = isObject(value) ? structuredClone(value) : value;
        else {
          if (!isObject(body)) {
            if (body !== undefined) throw new OperationInputError('InvalidOperationInput', `parameters/${parameter.name}`, `"${parameter.name}" sets a property, but the whole body given is not an object.`);
            body = {};
          }
          setAt(body as Record<string, unknown>, bodyPath, value);
        }
        hasBody = true;
        break;
      }
    }
  }
  const missing = /\{([^}]+)\}/.exec(path);
  if (missing) throw new OperationInputError('MissingRequiredProperty', `parameters/${missing[1]}`, `Operation ${operation.id} needs the path input "${missing[1]}".`);
  const request: ConnectionRequest = { method: operation.method, path };
  if (Object.keys(query).length > 0) request.query = query;
  if (Object.keys(headers).length > 0) request.headers = headers;
  if (hasBody) request.body = body;
  if (hasForm) request.form = form;
  if ((hasBody || hasForm) && operation.contentType) request.contentType = operation.contentType;
  return request;
}

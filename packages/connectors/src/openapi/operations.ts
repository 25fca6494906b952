// Operations from the document's paths, with their inputs under the names definitions use:
// path, query and header parameters by name, body properties flattened with slashes
// ("body/content", "item/Title"), and the whole body under the body parameter's name.
import type { ConnectorOperation, OperationParameter, ParameterLocation } from '../definitions/types.js';
import { isObject, pointer, text, type Json } from './problems.js';
import type { OpenApiDocument } from './parse-document.js';
import type { RefResolver } from './refs.js';

type Warn = (path: string, message: string) => void;
type Visibility = OperationParameter['visibility'];

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const MAX_FLATTEN_DEPTH = 4;

function visibility(value: unknown): Visibility | undefined {
  return value === 'important' || value === 'advanced' || value === 'internal' ? value : undefined;
}

function describe(target: OperationParameter, source: Json): OperationParameter {
  const summary = text(source['x-ms-summary']) ?? text(source.title);
  if (summary) target.summary = summary;
  const description = text(source.description);
  if (description) target.description = description;
  if (source.default !== undefined) target.default = source.default;
  const shown = visibility(source['x-ms-visibility']);
  if (shown) target.visibility = shown;
  return target;
}

/** Body inputs: the whole body, then each property (nested objects flattened to their leaves). */
function flattenBody(bodyName: string, schema: Json, required: boolean, resolver: RefResolver, at: string): OperationParameter[] {
  const whole = describe({ name: bodyName, in: 'body', wireName: bodyName, bodyPath: [], required: false, type: typeof schema.type === 'string' ? schema.type : 'object' }, schema);
  const leaves: OperationParameter[] = [];
  const walk = (node: Json, path: string[], parentRequired: boolean, depth: number): void => {
    const properties = isObject(node.properties) ? node.properties : {};
    const requiredNames = Array.isArray(node.required) ? node.required : [];
    for (const [name, raw] of Object.entries(properties)) {
      const property = resolver.resolve(raw, `${at}/properties/${name}`);
      const isRequired = parentRequired && requiredNames.includes(name);
      const childPath = [...path, name];
      if (isObject(property.properties) && depth < MAX_FLATTEN_DEPTH) {
        walk(property, childPath, isRequired, depth + 1);
        continue;
      }
      leaves.push(
        describe(
          { name: `${bodyName}/${childPath.join('/')}`, in: 'body', wireName: bodyName, bodyPath: childPath, required: isRequired, ...(typeof property.type === 'string' ? { type: property.type } : {}) },
          property,
        ),
      );
    }
  };
  walk(schema, [], required, 0);
  if (leaves.length === 0) whole.required = required;
  return [whole, ...leaves];
}

function simpleParameter(raw: Json, location: ParameterLocation): OperationParameter {
  const schema = isObject(raw.schema) ? raw.schema : raw;
  const name = String(raw.name);
  return describe(
    { name, in: location, wireName: name, required: raw.required === true || location === 'path', ...(typeof schema.type === 'string' ? { type: schema.type } : {}) },
    { ...schema, ...raw, default: raw.default ?? schema.default },
  );
}

function mergedParameters(pathItem: Json, operation: Json, resolver: RefResolver, at: string): Json[] {
  const byKey = new Map<string, Json>();
  const add = (list: unknown, where: string): void => {
    if (!Array.isArray(list)) return;
    list.forEach((entry, index) => {
      const parameter = resolver.resolve(entry, `${where}/${index}`);
      if (typeof parameter.name === 'string' && typeof parameter.in === 'string') byKey.set(`${parameter.in}:${parameter.name}`, parameter);
    });
  };
  add(pathItem.parameters, `${at}/parameters`);
  add(operation.parameters, `${at}/parameters`);
  return [...byKey.values()];
}

function requestBody2(parameters: Json[], operation: Json, document: Json, resolver: RefResolver, at: string): { inputs: OperationParameter[]; contentType?: string } {
  const inputs: OperationParameter[] = [];
  const consumes = (Array.isArray(operation.consumes) ? operation.consumes : Array.isArray(document.consumes) ? document.consumes : []).filter((type): type is string => typeof type === 'string');
  let contentType: string | undefined;
  for (const parameter of parameters) {
    if (parameter.in === 'body') {
      inputs.push(...flattenBody(String(parameter.name), resolver.resolve(parameter.schema, `${at}/schema`), parameter.required === true, resolver, `${at}/schema`));
      contentType = consumes.find((type) => /json/.test(type)) ?? consumes[0] ?? 'application/json';
    } else if (parameter.in === 'formData') {
      inputs.push(simpleParameter(parameter, 'formData'));
      contentType = consumes.includes('multipart/form-data') || parameter.type === 'file' || parameter.format === 'binary' ? 'multipart/form-data' : 'application/x-www-form-urlencoded';
    }
  }
  return contentType ? { inputs, contentType } : { inputs };
}

function requestBody3(operation: Json, resolver: RefResolver, at: string): { inputs: OperationParameter[]; contentType?: string } {
  if (operation.requestBody === undefined) return { inputs: [] };
  const body = resolver.resolve(operation.requestBody, `${at}/requestBody`);
  const content = isObject(body.content) ? body.content : {};
  const types = Object.keys(content);
  const contentType = types.find((type) => /json/.test(type)) ?? types[0];
  if (!contentType) return { inputs: [] };
  const media = isObject(content[contentType]) ? content[contentType] : {};
  const schema = resolver.resolve(media.schema, `${at}/requestBody/content/${contentType}/schema`);
  const required = body.required === true;
  if (contentType === 'multipart/form-data' || contentType === 'application/x-www-form-urlencoded') {
    const properties = isObject(schema.properties) ? schema.properties : {};
    const requiredNames = Array.isArray(schema.required) ? schema.required : [];
    const inputs = Object.entries(properties).map(([name, raw]) =>
      simpleParameter({ ...resolver.resolve(raw, `${at}/requestBody`), name, in: 'formData', required: requiredNames.includes(name) }, 'formData'),
    );
    return { inputs, contentType };
  }
  return { inputs: flattenBody('body', schema, required, resolver, `${at}/requestBody`), contentType };
}

function operationId(operation: Json, method: string, path: string): string {
  return text(operation.operationId) ?? `${method}${path}`.replace(/[^A-Za-z0-9]+/g, '_').replace(/_+$/, '');
}

export function extractOperations({ version, document }: OpenApiDocument, resolver: RefResolver, warn: Warn): ConnectorOperation[] {
  const operations: ConnectorOperation[] = [];
  const ids = new Set<string>();
  const paths = isObject(document.paths) ? document.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    if (path.startsWith('x-')) continue;
    const item = resolver.resolve(rawItem, pointer('paths', path));
    for (const method of METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const at = pointer('paths', path, method);
      let id = operationId(operation, method, path);
      if (!text(operation.operationId)) warn(at, `The operation has no operationId; it is imported as "${id}".`);
      if (ids.has(id)) {
        const unique = `${id}_${method}`;
        warn(`${at}/operationId`, `operationId "${id}" is used twice; this one is imported as "${unique}".`);
        id = unique;
      }
      ids.add(id);
      const parameters = mergedParameters(item, operation, resolver, at);
      const inputs: OperationParameter[] = [];
      for (const parameter of parameters) {
        if (parameter.in === 'path' || parameter.in === 'query' || parameter.in === 'header') inputs.push(simpleParameter(parameter, parameter.in));
        else if (parameter.in === 'cookie') warn(at, `Cookie parameter "${String(parameter.name)}" is not supported and is left out.`);
      }
      const body = version === 2 ? requestBody2(parameters, operation, document, resolver, at) : requestBody3(operation, resolver, at);
      inputs.push(...body.inputs);
      const summary = text(operation.summary) ?? text(operation['x-ms-summary']) ?? text(operation.description)?.split('\n')[0] ?? id;
      const imported: ConnectorOperation = { id, method: method.toUpperCase(), path, summary, parameters: inputs };
      const description = text(operation.description);
      if (description) imported.description = description;
      if (operation.deprecated === true) imported.deprecated = true;
      const shown = visibility(operation['x-ms-visibility']);
      if (shown) imported.visibility = shown;
      if (body.contentType) imported.contentType = body.contentType;
      operations.push(imported);
    }
  }
  return operations;
}

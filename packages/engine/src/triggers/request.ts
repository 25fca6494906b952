// Request triggers: does an inbound request match the trigger (method, relativePath
// with {parameters}), and the trigger outputs the service produces for it:
// { headers, body, queries, relativePathParameters }. With operationOptions
// "EnableSchemaValidation" a body that does not match `schema` is refused (400).
import { normalizeTypeName, type TriggerDefinition } from '@brook/wdl';
import { decodeInboundBody } from '../http/inbound-body.js';
import { validateJsonSchema } from '../actions/json-schema.js';

export interface InboundRequest {
  method: string;
  /** The path after the trigger's base URL ('' or 'orders/42'), without the query string. */
  relativePath: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string | string[] | undefined>;
  /** The raw body. */
  body: Uint8Array | string | null;
}

export type RequestMatch = { ok: true; relativePathParameters: Record<string, string> } | { ok: false; status: 404 | 405; message: string };

export interface RequestTriggerOutputs {
  headers: Record<string, string>;
  /** Absent when the request had no body. */
  body?: unknown;
  queries?: Record<string, string>;
  relativePathParameters?: Record<string, string>;
}

export type TriggerOutputsResult = { ok: true; outputs: RequestTriggerOutputs } | { ok: false; status: 400; message: string; problems: string[] };

/** Request, and the Power Automate kinds of it (manual, Button, PowerApp…). */
export function isRequestTrigger(trigger: TriggerDefinition | undefined): boolean {
  return normalizeTypeName(trigger?.type) === 'request';
}

function inputsOf(trigger: TriggerDefinition): { method?: string; relativePath?: string; schema?: unknown } {
  return trigger.inputs !== null && typeof trigger.inputs === 'object' ? (trigger.inputs) : {};
}

function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

export function matchRequestTrigger(trigger: TriggerDefinition, request: Pick<InboundRequest, 'method' | 'relativePath'>): RequestMatch {
  const inputs = inputsOf(trigger);
  if (inputs.method && inputs.method.toUpperCase() !== request.method.toUpperCase()) {
    return { ok: false, status: 405, message: `This trigger accepts ${inputs.method.toUpperCase()} requests only.` };
  }
  const template = segments(inputs.relativePath ?? '');
  const actual = segments(request.relativePath);
  if (template.length !== actual.length) {
    return { ok: false, status: 404, message: template.length === 0 ? 'This trigger takes no path after its URL.' : `The path must look like '${inputs.relativePath}'.` };
  }
  const parameters: Record<string, string> = {};
  for (let i = 0; i < template.length; i += 1) {
    const part = template[i]!;
    const value = decodeURIComponent(actual[i]!);
    const param = /^\{(.+)\}$/.exec(part);
    if (param) parameters[param[1]!] = value;
    else if (part.toLowerCase() !== value.toLowerCase()) return { ok: false, status: 404, message: `The path must look like '${inputs.relativePath}'.` };
  }
  return { ok: true, relativePathParameters: parameters };
}

function flatten(values: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(',') : value;
  return out;
}

export function requestTriggerOutputs(trigger: TriggerDefinition, request: InboundRequest, relativePathParameters: Record<string, string> = {}): TriggerOutputsResult {
  const headers = flatten(request.headers);
  const contentType = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  const raw = request.body === null ? new Uint8Array() : typeof request.body === 'string' ? new TextEncoder().encode(request.body) : request.body;
  const body = decodeInboundBody(contentType, raw);
  const inputs = inputsOf(trigger);
  const validate = typeof trigger.operationOptions === 'string' && /enableschemavalidation/i.test(trigger.operationOptions);
  if (validate && inputs.schema && typeof inputs.schema === 'object' && Object.keys(inputs.schema).length > 0) {
    const problems = validateJsonSchema(inputs.schema, body);
    if (problems.length > 0) return { ok: false, status: 400, message: `The request body does not match the trigger's schema: ${problems.slice(0, 5).join('; ')}.`, problems };
  }
  const outputs: RequestTriggerOutputs = { headers };
  if (body !== undefined) outputs.body = body;
  const queries = flatten(request.query);
  if (Object.keys(queries).length > 0) outputs.queries = queries;
  if (Object.keys(relativePathParameters).length > 0 || inputs.relativePath) outputs.relativePathParameters = relativePathParameters;
  return { ok: true, outputs };
}

/** Trigger outputs of a manual start (Run now, `brook run --trigger`): a Request without a request. */
export function manualTriggerOutputs(input: { body?: unknown; headers?: Record<string, string>; queries?: Record<string, string> } = {}): RequestTriggerOutputs {
  const outputs: RequestTriggerOutputs = { headers: input.headers ?? {} };
  if (input.body !== undefined) outputs.body = input.body;
  if (input.queries && Object.keys(input.queries).length > 0) outputs.queries = input.queries;
  return outputs;
}

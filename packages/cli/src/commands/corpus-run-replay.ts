// Replaying recorded HTTP exchanges against a flow: the request a Logic Apps runtime
// received becomes Brook's Request trigger outputs, the run answers through its Response
// action, and the answer is compared with the one the service gave. Values that differ
// per run (times, tracking ids) are compared by presence only.
import { isDeepStrictEqual } from 'node:util';
import type { WorkflowDefinition } from '@brook/wdl';
import { createEngine, InstantClock, matchRequestTrigger, MemoryRunStore, requestTriggerOutputs, triggerNameOf, type HttpClient } from '@brook/engine';

export interface RecordedExchange {
  request: { method: string; url: string; headers: Array<[string, string]>; body: string };
  response: { status: number; headers: Array<[string, string]>; body: string };
}

/** Keys whose values change with every run of the service. */
const VOLATILE = new Set(['startTime', 'endTime', 'trackingId', 'clientTrackingId', 'originHistoryName', 'scheduledTime']);
/** Query parameters of the callback URL itself, not of the caller. */
const SIGNATURE_QUERY = new Set(['api-version', 'sp', 'sv', 'sig']);

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

export function parseCallbackUrl(url: string): { relativePath: string; query: Record<string, string> } {
  const [path = '', search = ''] = url.split('?', 2);
  const at = path.toLowerCase().indexOf('/invoke');
  const relativePath = at === -1 ? '' : path.slice(at + '/invoke'.length).replace(/^\//, '');
  const query: Record<string, string> = {};
  for (const pair of search.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decode(eq === -1 ? pair : pair.slice(0, eq));
    if (!SIGNATURE_QUERY.has(key)) query[key] = decode(eq === -1 ? '' : pair.slice(eq + 1));
  }
  return { relativePath, query };
}

function withoutVolatile(value: unknown, missing: string[], path = ''): unknown {
  if (Array.isArray(value)) return value.map((item, i) => withoutVolatile(item, missing, `${path}/${i}`));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = VOLATILE.has(key) ? '<varies>' : withoutVolatile(inner, missing, `${path}/${key}`);
  return out;
}

function header(headers: Array<[string, string]>, name: string): string | undefined {
  return headers.find(([key]) => key.toLowerCase() === name)?.[1];
}

/** Runs the flow for one recorded request; returns differences from the recorded answer (empty when it matches). */
export async function replayExchange(definition: WorkflowDefinition, exchange: RecordedExchange, http?: HttpClient): Promise<string[]> {
  const triggerName = triggerNameOf(definition);
  const trigger = definition.triggers?.[triggerName];
  if (!trigger) return ['the flow has no trigger'];
  const { relativePath, query } = parseCallbackUrl(exchange.request.url);
  const headers: Record<string, string> = {};
  for (const [name, value] of exchange.request.headers) headers[name] = name in headers ? `${headers[name]},${value}` : value;
  let status: number;
  let body: string;
  let contentType: string;
  const match = matchRequestTrigger(trigger, { method: exchange.request.method, relativePath });
  if (!match.ok) {
    status = match.status;
    body = match.message;
    contentType = 'text/plain';
  } else {
    const outputs = requestTriggerOutputs(trigger, { method: exchange.request.method, relativePath, query, headers, body: exchange.request.body }, match.relativePathParameters);
    if (!outputs.ok) return [`trigger refused the request: ${outputs.message}`];
    const store = new MemoryRunStore();
    store.addFlowVersion('replay', definition);
    const engine = createEngine({ store, clock: new InstantClock(), ...(http ? { http } : {}) });
    const result = await engine.runToCompletion({ flowId: 'replay', flowVersion: 1, triggerName, triggerOutputs: outputs.outputs });
    const response = result.run.response;
    status = response?.statusCode ?? 202;
    const value = response?.body ?? null;
    contentType = typeof value === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
    body = typeof value === 'string' ? value : JSON.stringify(value);
  }
  const differences: string[] = [];
  if (status !== exchange.response.status) differences.push(`status ${status}, the service answered ${exchange.response.status}`);
  const expectedType = header(exchange.response.headers, 'content-type') ?? '';
  if (expectedType.includes('json')) {
    let ours: unknown;
    try {
      ours = JSON.parse(body);
    } catch {
      differences.push(`body is not JSON: ${body.slice(0, 200)}`);
      return differences;
    }
    const expected = withoutVolatile(JSON.parse(exchange.response.body), []);
    const actual = withoutVolatile(ours, []);
    if (!isDeepStrictEqual(actual, expected)) differences.push(`body ${JSON.stringify(actual).slice(0, 400)}\n      the service: ${JSON.stringify(expected).slice(0, 400)}`);
  } else if (body !== exchange.response.body) {
    differences.push(`body ${JSON.stringify(body).slice(0, 200)}, the service: ${JSON.stringify(exchange.response.body).slice(0, 200)}`);
  }
  if (expectedType && contentType.split(';')[0] !== expectedType.split(';')[0]?.trim()) differences.push(`content type ${contentType}, the service: ${expectedType}`);
  return differences;
}

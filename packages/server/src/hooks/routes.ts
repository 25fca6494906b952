// Webhook triggers: /api/v1/hooks/{flowId}/{triggerName}[/{relativePath}]?sv=1&sig=…
// The signature is the credential (no session, no token). A flow with a Response action
// answers with it (or 504 after BROOK_RESPONSE_TIMEOUT_MS); otherwise 202 with the run id.
import { matchRequestTrigger, requestTriggerOutputs, type RunStore } from '@brook/engine';
import { sortableId } from '@brook/store';
import { z } from 'zod';
import type { ServerContext } from '../app/context.js';
import { ApiError, conflict, notFound } from '../http/errors.js';
import { RateLimiter } from '../http/rate-limiter.js';
import type { ApiRouter } from '../http/router.js';
import { isRequestTrigger } from '../flows/definitions.js';
import type { ResponseWaiter } from './response-waiter.js';
import { signatureMatches } from './signature.js';
import type { HookTargets } from './targets.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const hookParams = z.object({ flowId: z.string().min(1).max(200), triggerName: z.string().min(1).max(200), '*': z.string().max(2000).optional() });
const hookQuery = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const SKIPPED_RESPONSE_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);
/** Credentials of the portal are never passed on to a flow. */
const HIDDEN_HEADERS = new Set(['cookie', 'authorization', 'x-csrf-token']);

export interface HookDeps {
  targets: HookTargets;
  waiter: ResponseWaiter;
  /** Creates the run; a worker (in this process or another) runs it. */
  startRun: RunStore['createRun'];
}

/** A schema problem reads "/items/0/qty: must be integer": the detail names the field by its JSON path. */
function schemaProblem(problem: string): { path: string; message: string } {
  const located = /^(\/\S*): (.+)$/s.exec(problem);
  return located ? { path: located[1]!, message: located[2]! } : { path: '/', message: problem };
}

function visibleHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | string[] | undefined> {
  const out: Record<string, string | string[] | undefined> = {};
  for (const [name, value] of Object.entries(headers)) if (!HIDDEN_HEADERS.has(name)) out[name] = value;
  return out;
}

export function registerHookRoutes(api: ApiRouter, context: ServerContext, deps: HookDeps): void {
  const limiter = new RateLimiter(context.config.rateLimits.webhookPerMinutePerFlow, context.now);
  const invalidSignature = () =>
    new ApiError(401, 'InvalidSignature', 'The callback URL is not valid: its "sig" is missing or wrong (the key may have been regenerated). Copy the current URL from the flow.');

  const handler: Parameters<typeof api.add<undefined, typeof hookQuery, typeof hookParams, 'anonymous'>>[1] = async ({ params, query, request, reply }) => {
    const target = await deps.targets.get(params.flowId);
    const trigger = target?.triggers.find((t) => t.name.toLowerCase() === params.triggerName.toLowerCase());
    const sig = typeof query.sig === 'string' ? query.sig : undefined;
    if (!target || !trigger || !signatureMatches(trigger.signature, sig)) throw invalidSignature();
    limiter.enforce(target.flowId, 'calls to this flow');
    const definition = target.definition.triggers?.[trigger.name];
    if (!definition || !isRequestTrigger(trigger)) throw notFound(`A Request trigger named '${trigger.name}'`);
    if (!target.enabled) throw conflict('The flow is turned off; turn it on to accept calls.');

    const match = matchRequestTrigger(definition, { method: request.method, relativePath: params['*'] ?? '' });
    if (!match.ok) {
      if (match.status === 405) throw new ApiError(405, 'MethodNotAllowed', match.message, undefined, trigger.method ? { allow: trigger.method } : undefined);
      throw new ApiError(404, 'NotFound', match.message);
    }
    const { sig: _sig, sv: _sv, ...queries } = query;
    const outputs = requestTriggerOutputs(
      definition,
      { method: request.method, relativePath: params['*'] ?? '', query: queries, headers: visibleHeaders(request.headers), body: Buffer.isBuffer(request.body) ? request.body : null },
      match.relativePathParameters,
    );
    if (!outputs.ok) throw new ApiError(400, 'ValidationFailed', outputs.message, outputs.problems.map(schemaProblem));

    const createdAt = context.now();
    const runId = sortableId('run', createdAt);
    // Registered before the run exists, so its Response cannot be missed.
    const waiting = target.hasResponse ? deps.waiter.wait(runId, context.config.responseTimeoutMs) : undefined;
    try {
      await deps.startRun({ id: runId, flowId: target.flowId, flowVersion: target.version, triggerName: trigger.name, triggerOutputs: outputs.outputs, createdAt });
    } catch (error) {
      deps.waiter.cancel(runId);
      throw error;
    }
    void reply.header('x-brook-run-id', runId);
    if (!waiting) {
      void reply.header('location', `/api/v1/runs/${runId}`);
      return reply.status(202).send({ runId });
    }
    const outcome = await waiting;
    switch (outcome.kind) {
      case 'response': {
        const { statusCode, headers, body } = outcome.response;
        for (const [name, value] of Object.entries(headers ?? {})) if (!SKIPPED_RESPONSE_HEADERS.has(name.toLowerCase())) void reply.header(name, value);
        void reply.status(statusCode);
        if (body === null || body === undefined) return reply.send();
        const type = reply.getHeader('content-type')?.toString();
        if (typeof body === 'string') return reply.type(type ?? 'text/plain; charset=utf-8').send(body);
        return reply.type(type ?? 'application/json; charset=utf-8').send(JSON.stringify(body));
      }
      case 'ended':
        void reply.header('location', `/api/v1/runs/${runId}`);
        throw new ApiError(502, 'NoResponse', `The run ended (${outcome.status}) before its Response action answered. See /api/v1/runs/${runId}.`);
      case 'timeout':
        void reply.header('location', `/api/v1/runs/${runId}`);
        throw new ApiError(504, 'ResponseTimeout', `The flow did not answer within ${context.config.responseTimeoutMs} ms; the run goes on. See /api/v1/runs/${runId}.`);
    }
  };

  for (const url of ['/api/v1/hooks/:flowId/:triggerName', '/api/v1/hooks/:flowId/:triggerName/*']) {
    api.add(
      { method: [...METHODS], url, access: 'anonymous', tag: 'webhooks', summary: 'Call a flow through its Request trigger (the sig query parameter is the credential)', params: hookParams, query: hookQuery, rawBody: true },
      handler,
    );
  }
}

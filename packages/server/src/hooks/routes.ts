// Webhook triggers: /api/v1/hooks/{flowId}/{triggerName}[/{relativePath}]?sv=1&sig=…
// The signature is the credential (no session, no token). A flow with a Response action
// answers with it (or 504 after BROOK_RESPONSE_TIMEOUT_MS); otherwise 202 with the run id.
import type { RunStore } from '@brook/engine';
import { sortableId } from '@brook/store';
import { z } from 'zod';
import type { ServerContext } from '../app/context.js';
import { ApiError, conflict, notFound } from '../http/errors.js';
import { RateLimiter } from '../http/rate-limiter.js';
import type { ApiRouter } from '../http/router.js';
import { isRequestTrigger } from '../flows/definitions.js';
import { matchRelativePath, readTriggerBody, triggerHeaders } from './request-body.js';
import type { ResponseWaiter } from './response-waiter.js';
import { signatureMatches } from './signature.js';
import type { HookTargets } from './targets.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const hookParams = z.object({ flowId: z.string().min(1).max(200), triggerName: z.string().min(1).max(200), '*': z.string().max(2000).optional() });
const hookQuery = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const SKIPPED_RESPONSE_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);

export interface HookDeps {
  targets: HookTargets;
  waiter: ResponseWaiter;
  /** Creates the run (the engine may start it in this process at once). */
  startRun: RunStore['createRun'];
}

export function registerHookRoutes(api: ApiRouter, context: ServerContext, deps: HookDeps): void {
  const limiter = new RateLimiter(context.config.rateLimits.webhookPerMinutePerFlow, context.now);
  const invalidSignature = () =>
    new ApiError(401, 'InvalidSignature', 'The callback URL is not valid: its "sig" is missing or wrong (the key may have been regenerated). Copy the current URL from the flow.');

  const handler: Parameters<typeof api.add<undefined, typeof hookQuery, typeof hookParams, 'anonymous'>>[1] = async ({ params, query, request, reply }) => {
    const target = await deps.targets.get(params.flowId);
    const trigger = target?.triggers.find((t) => t.name.toLowerCase() === params.triggerName.toLowerCase());
    const sig = typeof query.sig === 'string' ? query.sig : undefined;
    if (!target || !trigger || !signatureMatches(target.triggerKey, target.flowId, trigger.name, sig)) throw invalidSignature();
    limiter.enforce(target.flowId, 'calls to this flow');
    if (!isRequestTrigger(trigger)) throw notFound(`A Request trigger named '${trigger.name}'`);
    if (!target.enabled) throw conflict('The flow is turned off; turn it on to accept calls.');
    if (trigger.method && trigger.method !== request.method) {
      throw new ApiError(405, 'MethodNotAllowed', `This trigger accepts ${trigger.method} only.`, undefined, { allow: trigger.method });
    }
    const relativePathParameters = matchRelativePath(trigger.relativePath, params['*'] ?? '');
    if (!relativePathParameters) throw notFound(trigger.relativePath ? `A path matching '${trigger.relativePath}'` : 'This path (the trigger has no relativePath)');

    const queries: Record<string, string> = {};
    for (const [name, value] of Object.entries(query)) if (name !== 'sig' && name !== 'sv') queries[name] = Array.isArray(value) ? value.join(',') : value;
    const createdAt = context.now();
    const runId = sortableId('run', createdAt);
    const waiting = target.hasResponse ? deps.waiter.wait(runId, context.config.responseTimeoutMs) : undefined;
    try {
      await deps.startRun({
        id: runId,
        flowId: target.flowId,
        flowVersion: target.version,
        triggerName: trigger.name,
        triggerOutputs: {
          headers: triggerHeaders(request.headers),
          body: readTriggerBody(request.body, request.headers['content-type']),
          queries,
          relativePathParameters,
        },
        createdAt,
      });
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
        if (typeof body === 'string') return reply.type(reply.getHeader('content-type')?.toString() ?? 'text/plain; charset=utf-8').send(body);
        return reply.type(reply.getHeader('content-type')?.toString() ?? 'application/json; charset=utf-8').send(JSON.stringify(body));
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

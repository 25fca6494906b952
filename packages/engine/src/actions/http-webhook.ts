// HttpWebhook: calls `subscribe` (whose body usually carries @{listCallbackUrl()}),
// then waits for the service to post to that URL; the posted request becomes the
// outputs. A long wait suspends the run; limit.timeout bounds it. On timeout or cancel
// `unsubscribe` is called.
import type { ActionContext, ActionHandler } from './types.js';
import { ActionFailure, succeeded } from './types.js';
import { fail, inputsObject } from './inputs.js';
import { prepareHttpRequest } from '../http/request.js';
import { outcomeOf, send } from './http.js';
import { parseDuration } from '../durations.js';
import { maskAuthentication, maskHeaders } from '../run/secure.js';

export interface WebhookCallback {
  headers: Record<string, string>;
  body: unknown;
}

interface WebhookState {
  subscribed?: boolean;
  callback?: WebhookCallback;
}

async function unsubscribe(ctx: ActionContext, spec: unknown): Promise<void> {
  if (spec === undefined || spec === null || typeof spec !== 'object') return;
  try {
    const prepared = prepareHttpRequest(ctx, spec as Record<string, unknown>);
    await ctx.run.deps.http.send({ method: prepared.method, url: prepared.url, headers: prepared.headers, ...(prepared.body !== undefined ? { body: prepared.body } : {}), timeoutMs: ctx.run.deps.httpTimeoutMs });
  } catch (error) {
    ctx.run.deps.logger.warn({ err: error, runId: ctx.run.id, action: ctx.action.name }, 'webhook unsubscribe failed');
  }
}

export const httpWebhookAction: ActionHandler = {
  retries: true,
  async run(ctx) {
    const inputs = inputsObject(ctx);
    if (typeof inputs.subscribe !== 'object' || inputs.subscribe === null) fail(ctx, "'subscribe' must describe the subscription request ({ method, uri, body }).", inputs);
    const state = (ctx.previousState as WebhookState | null) ?? {};
    const recorded: Record<string, unknown> = { ...inputs, subscribe: prepareHttpRequest(ctx, inputs.subscribe as Record<string, unknown>).recorded };
    if (inputs.unsubscribe !== null && typeof inputs.unsubscribe === 'object') recorded.unsubscribe = maskedRequest(inputs.unsubscribe as Record<string, unknown>);
    ctx.noteInputs(recorded);
    if (!state.subscribed) {
      const prepared = prepareHttpRequest(ctx, inputs.subscribe as Record<string, unknown>);
      const response = await send(ctx, prepared, prepared.url, prepared.method, true);
      const outcome = outcomeOf(ctx, response, recorded, prepared.url);
      if (outcome.kind === 'done' && outcome.status !== 'Succeeded') return outcome;
      ctx.saveState({ subscribed: true } satisfies WebhookState, recorded);
    }
    const timeoutMs = parseDuration(ctx.action.definition.limit?.timeout);
    const deadline = timeoutMs === undefined ? null : ctx.startedAt + timeoutMs;
    for (;;) {
      const callback = ctx.run.callbackFor<WebhookCallback>(ctx.key) ?? (await storedCallback(ctx));
      if (callback) return succeeded(recorded, { headers: callback.headers, body: callback.body });
      const arrived = ctx.run.waitForCallback(ctx.key, ctx.run.deps.callbackPollMs);
      const slept = await ctx.sleep(deadline, arrived);
      if (slept === 'paused') return { kind: 'paused' };
      if (slept === 'aborted' || (deadline !== null && ctx.run.deps.clock.now() >= deadline)) {
        await unsubscribe(ctx, inputs.unsubscribe);
        throw new DOMException('aborted', 'AbortError');
      }
    }
  },
};

/** A request as recorded: its authentication secrets and Authorization-like headers masked. */
function maskedRequest(spec: Record<string, unknown>): Record<string, unknown> {
  const masked: Record<string, unknown> = { ...spec };
  if (spec.authentication !== undefined) masked.authentication = maskAuthentication(spec.authentication);
  if (spec.headers !== null && typeof spec.headers === 'object') masked.headers = maskHeaders(spec.headers as Record<string, string>);
  return masked;
}

async function storedCallback(ctx: ActionContext): Promise<WebhookCallback | undefined> {
  const record = await ctx.run.deps.store.getAction(ctx.run.id, ctx.key);
  const state = record?.state as WebhookState | null | undefined;
  return state?.callback;
}

export { ActionFailure };

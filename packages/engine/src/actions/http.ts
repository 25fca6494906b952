// Http: one call (120 s per call by default), retried by the action's retry policy on
// 408, 429, 5xx and connection failures. A 202 with a Location header is polled
// (honouring Retry-After) until the answer is not 202, unless operationOptions has
// DisableAsyncPattern; the whole wait is bounded by limit.timeout. A status ≥ 400 fails
// the action with its outputs kept.
import type { ActionHandler, ActionOutcome } from './types.js';
import { ActionFailure, failed, succeeded } from './types.js';
import { inputsObject } from './inputs.js';
import { prepareHttpRequest, type PreparedRequest } from '../http/request.js';
import { classifyHttpStatus, classifyTransportError, parseRetryAfter, statusCodeName } from '../http/classify.js';
import { decodeBody } from '../http/body.js';
import { clientCredentialsToken, TokenError } from '../http/oauth.js';
import { classified } from '../run/errors.js';
import type { ActionContext } from './types.js';
import type { HttpResponse } from '../ports.js';

/** Poll interval when a 202 carries no Retry-After. */
const DEFAULT_POLL_MS = 10_000;

interface PollState {
  poll?: { location: string };
}

function target(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return url;
  }
}

async function authorize(ctx: ActionContext, prepared: PreparedRequest): Promise<void> {
  if (!prepared.oauth) return;
  const deps = ctx.run.deps;
  try {
    const token = await clientCredentialsToken(deps.http, prepared.oauth, () => deps.clock.now(), deps.httpTimeoutMs, ctx.signal);
    prepared.headers.authorization = `Bearer ${token}`;
  } catch (error) {
    if (error instanceof TokenError) {
      throw new ActionFailure(
        classified('Unauthorized', 'authentication', `Action '${ctx.action.name}' could not get an OAuth token for ${prepared.oauth.audience}: ${error.message}`, [
          `The client id and secret of action '${ctx.action.name}' were not accepted.`,
          "Check the action's authentication: tenant, client id, secret and audience.",
          'Resubmit the run.',
        ], error.status !== undefined ? { status: error.status, retryable: error.status >= 500 } : {}),
        prepared.recorded,
      );
    }
    throw new ActionFailure(classifyTransportError(ctx.action.name, error, target(prepared.oauth.authority)), prepared.recorded);
  }
}

export async function send(ctx: ActionContext, prepared: PreparedRequest, url: string, method: string, withBody: boolean): Promise<HttpResponse> {
  const deps = ctx.run.deps;
  try {
    return await deps.http.send({
      method,
      url,
      headers: prepared.headers,
      ...(withBody && prepared.body !== undefined ? { body: prepared.body } : {}),
      timeoutMs: deps.httpTimeoutMs,
      signal: ctx.signal,
      ...(prepared.clientCertificate ? { clientCertificate: prepared.clientCertificate } : {}),
    });
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    throw new ActionFailure(classifyTransportError(ctx.action.name, error, target(url)), prepared.recorded);
  }
}

export function responseOutputs(response: HttpResponse): { statusCode: number; headers: Record<string, string>; body: unknown } {
  return { statusCode: response.status, headers: response.headers, body: decodeBody(response.headers['content-type'], response.body) };
}

export function outcomeOf(ctx: ActionContext, response: HttpResponse, recorded: unknown, url: string): ActionOutcome {
  const outputs = responseOutputs(response);
  if (response.status >= 400) {
    const retryAfter = parseRetryAfter(response.headers['retry-after'], ctx.run.deps.clock.now());
    return failed(classifyHttpStatus(ctx.action.name, response.status, outputs.body, retryAfter, target(url)), recorded, outputs);
  }
  return succeeded(recorded, outputs, statusCodeName(response.status));
}

export const httpAction: ActionHandler = {
  retries: true,
  async run(ctx) {
    const inputs = inputsObject(ctx);
    const prepared = prepareHttpRequest(ctx, inputs);
    ctx.noteInputs(prepared.recorded);
    await authorize(ctx, prepared);
    const asyncPattern = !/disableasyncpattern/i.test(String(ctx.action.definition.operationOptions ?? ''));
    const saved = (ctx.previousState as PollState | null)?.poll;
    // A resumed run goes on polling where it was.
    let url = saved ? saved.location : prepared.url;
    let response = saved ? await send(ctx, prepared, url, 'GET', false) : await send(ctx, prepared, url, prepared.method, true);
    while (asyncPattern && response.status === 202 && response.headers.location) {
      const location = new URL(response.headers.location, url).toString();
      const delay = parseRetryAfter(response.headers['retry-after'], ctx.run.deps.clock.now()) ?? DEFAULT_POLL_MS;
      ctx.saveState({ poll: { location } } satisfies PollState, prepared.recorded);
      const slept = await ctx.sleep(ctx.run.deps.clock.now() + delay);
      if (slept === 'paused') return { kind: 'paused' };
      if (slept === 'aborted') throw new DOMException('aborted', 'AbortError');
      url = location;
      response = await send(ctx, prepared, location, 'GET', false);
    }
    return outcomeOf(ctx, response, prepared.recorded, url);
  },
};

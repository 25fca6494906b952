// POST /api/v1/callbacks/{runId}/{actionKey}?sig=…: a service calls back a waiting webhook
// action. The signature is the credential; a wrong one gets 401 and changes nothing.
import type { Engine } from '@brook/engine';
import { z } from 'zod';
import { ApiError, notFound } from '../http/errors.js';
import type { ApiRouter } from '../http/router.js';
import { signatureMatches } from './signature.js';
import { callbackSignature } from './callbacks.js';

const params = z.object({ runId: z.string().min(1).max(200), actionKey: z.string().min(1).max(1000) });
const query = z.object({ sig: z.string().max(200).optional() });

function readBody(raw: unknown, contentType: string | undefined): unknown {
  const bytes = Buffer.isBuffer(raw) ? raw : Buffer.alloc(0);
  if (bytes.length === 0) return null;
  const text = bytes.toString('utf8');
  if ((contentType ?? '').includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      throw new ApiError(400, 'ValidationFailed', 'The body is not valid JSON.', [{ path: '/', message: 'invalid JSON' }]);
    }
  }
  return text;
}

export function registerCallbackRoutes(api: ApiRouter, deps: { engine: Engine; key: string }): void {
  api.add(
    { method: 'POST', url: '/api/v1/callbacks/:runId/:actionKey', access: 'anonymous', tag: 'webhooks', summary: 'Call back a waiting webhook action of a run (the sig query parameter is the credential)', params, query, rawBody: true, status: 202 },
    async ({ params: p, query: q, request }) => {
      if (!signatureMatches(callbackSignature(deps.key, p.runId, p.actionKey), q.sig)) {
        throw new ApiError(401, 'InvalidSignature', 'The callback URL is not valid: its "sig" is missing or wrong.');
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) if (value !== undefined && name !== 'cookie' && name !== 'authorization') headers[name] = Array.isArray(value) ? value.join(', ') : value;
      const delivered = await deps.engine.deliverCallback(p.runId, p.actionKey, { headers, body: readBody(request.body, request.headers['content-type']) });
      if (!delivered) throw notFound('A waiting action for this callback (it may have finished or timed out)');
      return { accepted: true };
    },
  );
}

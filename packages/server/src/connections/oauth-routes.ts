// OAuth2 sign-in of a connection: start (where to send the browser) and the callback the
// provider sends the browser back to, which returns to the portal with the outcome.
import { z } from 'zod';
import type { ServerContext } from '../app/context.js';
import type { ApiRouter } from '../http/router.js';
import type { ConnectionRouteDeps } from './routes.js';
import { translate } from './input-errors.js';
import { connectionParams, oauthCallbackQuery, oauthStartBody } from './schemas.js';

function withOutcome(returnTo: string, outcome: { ok: true } | { ok: false; message: string }): string {
  const url = new URL(returnTo, 'http://portal.invalid');
  if (outcome.ok) url.searchParams.set('oauth', 'connected');
  else {
    url.searchParams.set('oauth', 'failed');
    url.searchParams.set('reason', outcome.message);
  }
  return `${url.pathname}${url.search}${url.hash}`;
}

export function registerOAuthRoutes(api: ApiRouter, context: ServerContext, deps: ConnectionRouteDeps): void {
  const { platform, config } = context;
  const { manager, guard } = deps;
  const tag = 'connections';

  api.add(
    { method: 'POST', url: '/api/v1/connections/:id/oauth/start', access: 'user', tag, summary: 'Start an OAuth2 sign-in: where to send the browser', params: connectionParams, body: oauthStartBody, response: z.object({ authorizeUrl: z.string() }) },
    async ({ caller, params, body }) => {
      const connection = await guard.requireEditable(caller, params.id);
      const started = await translate(() =>
        manager.startConsent(connection.id, { userId: caller.user.id, redirectUri: `${config.publicUrl}/api/v1/oauth/callback`, ...(body.returnTo ? { returnTo: body.returnTo } : {}) }),
      );
      await context.audit(caller, 'connection.sign-in.start', `connection:${connection.id}`);
      return { authorizeUrl: started.authorizeUrl };
    },
  );

  api.add({ method: 'GET', url: '/api/v1/oauth/callback', access: 'public', tag, summary: 'Where the OAuth2 provider sends the browser back: the one-time state, and the session of the user who started the sign-in', query: oauthCallbackQuery }, async ({ caller, query, reply }) => {
    const result = await manager.completeConsent({
      state: query.state,
      userId: caller?.user.id ?? null,
      ...(query.code ? { code: query.code } : {}),
      ...(query.error ? { error: query.error } : {}),
      ...(query.error_description ? { errorDescription: query.error_description } : {}),
    });
    const actor = result.ok ? await platform.users.findById(result.userId) : undefined;
    await context.audit(actor ? { user: actor, via: 'session' } : caller, result.ok ? 'connection.sign-in' : 'connection.sign-in-failed', `connection:${result.connectionId ?? 'unknown'}`, result.ok ? {} : { reason: result.message });
    const returnTo = result.returnTo ?? '/settings/connections';
    return reply.redirect(withOutcome(returnTo, result.ok ? { ok: true } : { ok: false, message: result.message }), 302);
  });

}

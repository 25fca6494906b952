// Accounts API: first-run setup, sign-in and out, users (admins), the directory for
// sharing dialogs, and personal API tokens.
import type { ServerContext } from '../app/context.js';
import { ApiError, conflict, notFound } from '../http/errors.js';
import type { ApiRouter } from '../http/router.js';
import { SharedRateLimiter } from '../http/rate-limiter.js';
import { userView } from './caller.js';
import { decoyHash, hashPassword, verifyPassword } from './passwords.js';
import {
  authStateSchema,
  directorySchema,
  idParams,
  loginBody,
  newTokenBody,
  newUserBody,
  setupBody,
  signedInSchema,
  tokenSchema,
  userSchema,
} from './schemas.js';
import { newApiToken, sha256 } from './secrets.js';
import { endSession, startSession, type SessionSettings } from './sessions.js';
import { z } from 'zod';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function isUniqueViolation(error: unknown): boolean {
  const text = error instanceof Error ? `${(error as { code?: string }).code ?? ''} ${error.message}` : '';
  return /unique|23505|SQLITE_CONSTRAINT/i.test(text);
}

export function registerAccountRoutes(api: ApiRouter, context: ServerContext): void {
  const { platform, config, now } = context;
  const settings: SessionSettings = { sessionMs: config.sessionDays * 86_400_000, secureCookie: config.publicUrl.startsWith('https:') };
  const loginLimiter = new SharedRateLimiter(platform.rateLimits, config.rateLimits.loginPerMinute, now);

  api.add({ method: 'GET', url: '/api/v1/auth/state', access: 'public', tag: 'accounts', summary: 'Whether setup is needed, and who is signed in', response: authStateSchema }, async ({ caller }) => {
    const needsSetup = (await platform.users.count()) === 0;
    return { needsSetup, user: caller ? userView(caller.user) : null, csrfToken: caller?.csrfToken ?? null };
  });

  api.add(
    { method: 'POST', url: '/api/v1/auth/setup', access: 'public', tag: 'accounts', summary: 'Create the first administrator (only while there are no users)', body: setupBody, response: signedInSchema },
    async ({ body, reply, request }) => {
      await loginLimiter.enforce(`setup:${request.ip}`, 'setup attempts');
      const user = await platform.users.createFirst({ email: body.email, name: body.name, role: 'admin', passwordHash: await hashPassword(body.password) }, now());
      if (!user) throw conflict('Brook is already set up; sign in instead.', 'SetupDone');
      await context.audit({ user, via: 'session' }, 'auth.setup', `user:${user.id}`, { email: user.email });
      const csrfToken = await startSession(platform, reply, user, settings, now());
      return { user: userView(user), csrfToken };
    },
  );

  api.add(
    { method: 'POST', url: '/api/v1/auth/login', access: 'public', tag: 'accounts', summary: 'Sign in with e-mail and password', body: loginBody, response: signedInSchema },
    async ({ body, reply, request }) => {
      await loginLimiter.enforce(`login:${request.ip}`, 'sign-in attempts');
      const user = await platform.users.findByEmail(body.email);
      const ok = await verifyPassword(body.password, user?.passwordHash ?? (await decoyHash()));
      if (!user || !ok) {
        await context.audit(user ? { user, via: 'session' } : null, 'auth.login-failed', user ? `user:${user.id}` : 'user:unknown', { email: body.email.trim().toLowerCase(), ip: request.ip });
        throw new ApiError(401, 'InvalidCredentials', 'The e-mail or password is not right.');
      }
      await context.audit({ user, via: 'session' }, 'auth.login', `user:${user.id}`, { ip: request.ip });
      const csrfToken = await startSession(platform, reply, user, settings, now());
      return { user: userView(user), csrfToken };
    },
  );

  api.add({ method: 'POST', url: '/api/v1/auth/logout', access: 'user', tag: 'accounts', summary: 'Sign out (ends the session)' }, async ({ caller, reply }) => {
    await endSession(platform, reply, caller.sessionId, settings);
    return undefined;
  });

  api.add({ method: 'GET', url: '/api/v1/users', access: 'admin', tag: 'accounts', summary: 'All users (administrators)', response: z.object({ items: z.array(userSchema) }) }, async () => {
    return { items: (await platform.users.list()).map(userView) };
  });

  api.add(
    { method: 'POST', url: '/api/v1/users', access: 'admin', tag: 'accounts', summary: 'Create a user (administrators)', body: newUserBody, status: 201, response: userSchema },
    async ({ body, caller }) => {
      try {
        const user = await platform.users.create({ email: body.email, name: body.name, role: body.role, passwordHash: await hashPassword(body.password) }, now());
        await context.audit(caller, 'user.create', `user:${user.id}`, { email: user.email, role: user.role });
        return userView(user);
      } catch (error) {
        if (isUniqueViolation(error)) throw new ApiError(409, 'Conflict', `There is already a user with the e-mail ${body.email}.`, [{ path: '/email', message: 'already used' }]);
        throw error;
      }
    },
  );

  api.add({ method: 'GET', url: '/api/v1/users/directory', access: 'user', tag: 'accounts', summary: 'Names and e-mails of users, for sharing dialogs', response: directorySchema }, async () => {
    return { items: (await platform.users.list()).map((user) => ({ id: user.id, name: user.name, email: user.email })) };
  });

  const tokenView = (token: { id: string; name: string; createdAt: number; lastUsedAt: number | null }) => ({
    id: token.id,
    name: token.name,
    createdAt: new Date(token.createdAt).toISOString(),
    lastUsedAt: iso(token.lastUsedAt),
  });

  api.add({ method: 'GET', url: '/api/v1/tokens', access: 'user', tag: 'accounts', summary: 'Your API tokens (never their values)', response: z.object({ items: z.array(tokenSchema) }) }, async ({ caller }) => {
    return { items: (await platform.apiTokens.listForUser(caller.user.id)).map(tokenView) };
  });

  api.add(
    { method: 'POST', url: '/api/v1/tokens', access: 'user', tag: 'accounts', summary: 'Create an API token; its value is shown only in this answer', body: newTokenBody, status: 201, response: tokenSchema },
    async ({ caller, body }) => {
      const token = newApiToken();
      const record = await platform.apiTokens.create({ userId: caller.user.id, name: body.name, tokenHash: sha256(token) }, now());
      await context.audit(caller, 'token.create', `token:${record.id}`, { name: record.name });
      return { ...tokenView(record), token };
    },
  );

  api.add({ method: 'DELETE', url: '/api/v1/tokens/:id', access: 'user', tag: 'accounts', summary: 'Delete one of your API tokens', params: idParams }, async ({ caller, params }) => {
    if (!(await platform.apiTokens.delete(params.id, caller.user.id))) throw notFound('The token');
    await context.audit(caller, 'token.delete', `token:${params.id}`);
    return undefined;
  });
}

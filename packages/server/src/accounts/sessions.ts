// Starting and ending portal sessions: the cookie is HttpOnly and SameSite=Lax (Secure
// when Brook is served over HTTPS); its CSRF token is handed to the portal in the body.
import type { FastifyReply } from 'fastify';
import type { PlatformStore, UserRecord } from '@brook/store';
import { SESSION_COOKIE } from './authenticator.js';
import { randomToken, sha256 } from './secrets.js';

export interface SessionSettings {
  sessionMs: number;
  secureCookie: boolean;
}

export async function startSession(platform: PlatformStore, reply: FastifyReply, user: UserRecord, settings: SessionSettings, now: number): Promise<string> {
  const cookie = randomToken();
  const csrfToken = randomToken(24);
  await platform.sessions.create({ id: sha256(cookie), userId: user.id, csrfToken, createdAt: now, expiresAt: now + settings.sessionMs, lastSeenAt: now });
  void reply.setCookie(SESSION_COOKIE, cookie, {
    httpOnly: true,
    sameSite: 'lax',
    secure: settings.secureCookie,
    path: '/',
    maxAge: Math.floor(settings.sessionMs / 1000),
  });
  return csrfToken;
}

export async function endSession(platform: PlatformStore, reply: FastifyReply, sessionId: string | undefined, settings: SessionSettings): Promise<void> {
  if (sessionId) await platform.sessions.delete(sessionId);
  void reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: settings.secureCookie });
}

// Finds the caller of a request: an API token (Authorization: Bearer brk_…) or the
// portal's session cookie. Changes made with a session must carry the CSRF token.
import type { FastifyRequest } from 'fastify';
import type { PlatformStore } from '@brook/store';
import { ApiError, unauthenticated } from '../http/errors.js';
import type { Authenticator } from '../http/router.js';
import type { Caller } from './caller.js';
import { API_TOKEN_PREFIX, safeEqual, sha256 } from './secrets.js';

export const SESSION_COOKIE = 'brook_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const TOUCH_EVERY_MS = 60_000;
const TOKEN_USE_EVERY_MS = 60_000;

export class RequestAuthenticator implements Authenticator {
  constructor(
    private readonly platform: PlatformStore,
    private readonly sessionMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async identify(request: FastifyRequest, required: boolean): Promise<Caller | null> {
    // Routes open to everyone (login, setup) act on no one's authority: no CSRF token needed there.
    const cached = (request as { brookCaller?: Caller | null }).brookCaller;
    if (cached !== undefined) return cached;
    const caller = await this.resolve(request, required);
    (request as { brookCaller?: Caller | null }).brookCaller = caller;
    return caller;
  }

  private async resolve(request: FastifyRequest, required: boolean): Promise<Caller | null> {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const token = match?.[1];
      if (!token || !token.startsWith(API_TOKEN_PREFIX)) {
        throw unauthenticated('The Authorization header must be "Bearer brk_…" with a personal API token.');
      }
      const found = await this.platform.apiTokens.findByHash(sha256(token));
      if (!found) throw unauthenticated('This API token is not valid (it may have been deleted). Create a new one under your account.');
      const now = this.now();
      if (found.token.lastUsedAt === null || now - found.token.lastUsedAt > TOKEN_USE_EVERY_MS) await this.platform.apiTokens.markUsed(found.token.id, now);
      return { user: found.user, via: 'token', tokenId: found.token.id };
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie) return null;
    const sessionId = sha256(cookie);
    const now = this.now();
    const found = await this.platform.sessions.findLive(sessionId, now);
    if (!found) {
      if (required) throw unauthenticated('Your session has ended; sign in again.');
      return null;
    }
    if (required && !SAFE_METHODS.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      if (typeof header !== 'string' || !safeEqual(header, found.session.csrfToken)) {
        throw new ApiError(403, 'CsrfTokenMissing', `Changes made from a browser session need the "${CSRF_HEADER}" header with the token from /api/v1/auth/state.`);
      }
    }
    if (now - found.session.lastSeenAt > TOUCH_EVERY_MS) await this.platform.sessions.touch(sessionId, now, now + this.sessionMs);
    return { user: found.user, via: 'session', sessionId, csrfToken: found.session.csrfToken };
  }
}

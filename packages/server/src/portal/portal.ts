// Serves the portal (web/dist) with a single-page-app fallback: any GET that is not the
// API and not a file answers index.html, so deep links like /runs/ID work. Without a
// built portal, `/` says how to build it.
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { handleNotFound } from '../http/errors.js';

export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../../../web/dist', import.meta.url));

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Brook</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>Brook is running</h1>
<p>The API answers under <a href="/api/v1/openapi.json">/api/v1</a>, but the portal has not been built.</p>
<p>Build it from the Brook folder with <code>npm run build</code> (or start with <code>npm start</code>, which builds it), then reload this page.</p>
</body></html>
`;

const isApiPath = (url: string): boolean => url.startsWith('/api/') || url === '/api' || url === '/healthz' || url === '/metrics';

export async function registerPortal(app: FastifyInstance, webDist: string): Promise<void> {
  const built = existsSync(join(webDist, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, { root: webDist, prefix: '/', wildcard: false, index: ['index.html'], cacheControl: false });
  } else {
    app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(NOT_BUILT));
  }
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (request.method !== 'GET' || isApiPath(path) || /\.[a-z0-9]+$/i.test(path)) {
      handleNotFound(request, reply);
      return reply;
    }
    if (!built) return reply.type('text/html; charset=utf-8').send(NOT_BUILT);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html');
  });
}

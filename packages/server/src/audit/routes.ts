// The audit log: administrators see everything, makers what they did themselves.
import { z } from 'zod';
import type { ServerContext } from '../app/context.js';
import { isAdmin } from '../accounts/caller.js';
import type { ApiRouter } from '../http/router.js';

const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  action: z.string(),
  target: z.string(),
  detail: z.record(z.string(), z.unknown()),
});

const auditQuery = z.object({
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  action: z.string().max(100).optional(),
});

export function registerAuditRoutes(api: ApiRouter, context: ServerContext): void {
  const { platform } = context;
  api.add(
    {
      method: 'GET',
      url: '/api/v1/audit',
      access: 'user',
      tag: 'operations',
      summary: 'Audit log, newest first (administrators: everyone; makers: their own actions)',
      query: auditQuery,
      response: z.object({ items: z.array(auditEntrySchema), nextCursor: z.string().nullable() }),
    },
    async ({ caller, query }) => {
      const page = await platform.audit.list({ ...(isAdmin(caller) ? {} : { actorId: caller.user.id }), cursor: query.cursor, limit: query.limit, action: query.action });
      const actors = new Map((await platform.users.findMany(page.items.flatMap((entry) => (entry.actorId ? [entry.actorId] : [])))).map((user) => [user.id, user]));
      return {
        items: page.items.map((entry) => {
          const actor = entry.actorId ? actors.get(entry.actorId) : undefined;
          return { id: entry.id, at: new Date(entry.at).toISOString(), actor: actor ? { id: actor.id, name: actor.name } : null, action: entry.action, target: entry.target, detail: entry.detail };
        }),
        nextCursor: page.nextCursor,
      };
    },
  );
}

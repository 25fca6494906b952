// The portal's notification bell: a user's own notifications, read one or all.
import { z } from 'zod';
import type { ServerContext } from '../app/context.js';
import { idParams } from '../accounts/schemas.js';
import { notFound } from '../http/errors.js';
import type { ApiRouter } from '../http/router.js';

const notificationSchema = z.object({
  id: z.string(),
  kind: z.enum(['flow-failing', 'connection-unauthenticated', 'flow-turned-off', 'digest', 'connection-expiring']),
  title: z.string(),
  message: z.string(),
  link: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export function registerNotificationRoutes(api: ApiRouter, context: ServerContext): void {
  const { platform, now } = context;
  api.add(
    { method: 'GET', url: '/api/v1/notifications', access: 'user', tag: 'notifications', summary: 'Your notifications, newest first, and how many are unread', response: z.object({ items: z.array(notificationSchema), unread: z.number() }) },
    async ({ caller }) => {
      const [items, unread] = await Promise.all([platform.notifications.listForUser(caller.user.id), platform.notifications.unreadCount(caller.user.id)]);
      return {
        items: items.map((n) => ({ id: n.id, kind: n.kind, title: n.title, message: n.message, link: n.link, createdAt: new Date(n.createdAt).toISOString(), readAt: n.readAt === null ? null : new Date(n.readAt).toISOString() })),
        unread,
      };
    },
  );
  api.add({ method: 'POST', url: '/api/v1/notifications/:id/read', access: 'user', tag: 'notifications', summary: 'Mark one notification read', params: idParams }, async ({ caller, params }) => {
    const notification = await platform.notifications.get(params.id);
    if (!notification || notification.userId !== caller.user.id) throw notFound('The notification');
    await platform.notifications.markRead(params.id, caller.user.id, now());
    return undefined;
  });
  api.add({ method: 'POST', url: '/api/v1/notifications/read-all', access: 'user', tag: 'notifications', summary: 'Mark all your notifications read' }, async ({ caller }) => {
    await platform.notifications.markAllRead(caller.user.id, now());
    return undefined;
  });
}

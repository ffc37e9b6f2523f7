import { Hono } from 'hono';
import type { z } from 'zod';
import { markRead, notificationsFor } from '../../notifications/outbox.js';
import { notificationJson } from '../../notifications/notifications.presenter.js';
import type { notificationSchema, notificationsResponseSchema } from '../../notifications/notifications.openapi.js';
import type { AppEnv } from '../context.js';
import { errorPage } from '../errors.js';
import { requireUser } from '../render.js';

// GET /api/v1/notifications (DESIGN section 6): the caller's own notifications,
// newest first, one per topic; and marking one read. Listing them does not
// mark them read.

export const notificationsApi = new Hono<AppEnv>()
  .get('/v1/notifications', async (c) => {
    const user = requireUser(c);
    const rows = await notificationsFor(c.get('services').db.kysely, user.id);
    return c.json<z.infer<typeof notificationsResponseSchema>>({ notifications: rows.map(notificationJson) });
  })
  .post('/v1/notifications/:notificationId/read', async (c) => {
    const user = requireUser(c);
    const { db, clock } = c.get('services');
    const id = c.req.param('notificationId');
    const row = await markRead(db.kysely, user.id, id, clock().toISOString()) ? (await notificationsFor(db.kysely, user.id, 1, id))[0] : undefined;
    if (!row) return errorPage(c, 404, 'Page not found', 'You have no notification with that id.');
    return c.json<z.infer<typeof notificationSchema>>(notificationJson(row));
  });

import { Hono } from 'hono';
import { z } from 'zod';
import { notificationsFor } from '../../notifications/outbox.js';
import type { AppEnv } from '../context.js';
import { requireUser } from '../render.js';

// GET /api/v1/notifications (DESIGN section 6): the caller's own notifications,
// newest first. Reading them here does not mark them read; opening the
// /notifications page does, and readAt then says when.

/** The response, as a schema: it types the handler and generates the OpenAPI component. */
export const notificationsResponseSchema = z.object({
  notifications: z.array(z.object({
    id: z.string(),
    planId: z.string().nullable(),
    kind: z.string().meta({ description: 'handover, changes-requested, returned-for-changes, declined, meeting-scheduled, reminder, escalation or document-authorisation (invitation and password-reset emails go to an address, never to a list)' }),
    subject: z.string(),
    createdAt: z.string().meta({ description: 'ISO 8601' }),
    readAt: z.string().nullable().meta({ description: 'When the caller opened their notifications page; null while unread.' }),
  })),
});

export const notificationsApi = new Hono<AppEnv>()
  .get('/v1/notifications', async (c) => {
    const user = requireUser(c);
    const rows = await notificationsFor(c.get('services').db.kysely, user.id);
    return c.json<z.infer<typeof notificationsResponseSchema>>({
      notifications: rows.map((r) => ({
        id: r.id, planId: r.plan_id, kind: r.kind, subject: r.subject, createdAt: r.created_at, readAt: r.read_at,
      })),
    });
  });

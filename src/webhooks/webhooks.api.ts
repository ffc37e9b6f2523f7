import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { InvalidInputError } from '../plans/errors.js';
import type { AppEnv } from '../http/context.js';
import { requireAdmin } from '../http/admin-only.js';
import { parseOrRefuse, readJsonObject } from '../http/api/request.js';
import { newWebhookSchema, targetErrors } from './webhook-input.js';
import { deliveryLog, insertWebhook, listWebhooks, removeWebhook } from './webhooks.repository.js';

// Administrators register and remove their trust's webhooks (DESIGN section 13).

export const webhooksApi = new Hono<AppEnv>()
  .post('/v1/admin/webhooks', async (c) => {
    const admin = requireAdmin(c, 'api');
    const { db, clock, config } = c.get('services');
    const input = parseOrRefuse(newWebhookSchema, await readJsonObject(c));
    const errors = await targetErrors(input, config);
    if (errors.length > 0) throw new InvalidInputError(errors);
    const id = await insertWebhook(db.kysely, { organisationId: admin.organisationId, url: input.url, secret: input.secret, createdBy: admin.id, at: clock().toISOString() });
    return c.json({ id }, 201);
  })
  .get('/v1/admin/webhooks', async (c) => {
    const admin = requireAdmin(c, 'api');
    const { db } = c.get('services');
    const hooks = await listWebhooks(db.kysely, admin.organisationId);
    const log = await deliveryLog(db.kysely, admin.organisationId);
    return c.json({
      webhooks: hooks.map((h) => ({ id: h.id, url: h.url, createdAt: h.created_at, createdBy: h.created_by_name })),
      deliveries: log.map((d) => ({
        id: d.id, url: d.url, planId: d.plan_id, seq: d.event_seq, type: d.event_type, status: d.delivery, attempts: d.attempts,
        lastResponse: d.last_status, lastError: d.last_error, queuedAt: d.created_at, deliveredAt: d.delivered_at,
        nextAttemptAt: d.delivery === 'pending' ? d.next_attempt_at : null,
      })),
    });
  })
  .delete('/v1/admin/webhooks/:id', async (c) => {
    const admin = requireAdmin(c, 'api');
    const { db, clock } = c.get('services');
    if (!(await removeWebhook(db.kysely, admin.organisationId, c.req.param('id'), clock().toISOString()))) {
      throw new HTTPException(404, { message: 'Your trust has no webhook with this id.' });
    }
    return c.body(null, 204);
  });

import { Hono } from 'hono';
import type { Context } from 'hono';
import { toFieldErrors } from '../domain/events.js';
import type { AppEnv } from '../http/context.js';
import { PageNotFoundError, requireAdmin } from '../http/admin-only.js';
import { field, readForm } from '../http/body.js';
import { errorsByField } from '../http/page-errors.js';
import { renderPage } from '../http/render.js';
import { adminNav } from '../admin/admin-nav.js';
import { formatDateTime } from '../presenters/format.js';
import { newWebhookSchema, targetErrors } from './webhook-input.js';
import { deliveryLog, findWebhook, insertWebhook, listWebhooks, removeWebhook } from './webhooks.repository.js';

// /admin/webhooks: an administrator's pages for the trust's webhooks, with the
// log of the latest deliveries (what was sent, whether it arrived, and why not).

const back = { href: '/admin/webhooks', text: 'Back to webhooks' };
const statusTags: Record<string, { text: string; colour: string }> = {
  pending: { text: 'Waiting to retry', colour: 'orange' }, delivered: { text: 'Delivered', colour: 'green' },
  failed: { text: 'Failed', colour: 'red' }, cancelled: { text: 'Cancelled', colour: 'grey' },
};
/** An address in pieces a browser may wrap between, so a long one never makes a narrow screen scroll sideways. */
const wrappable = (url: string) => url.split(/(?<=[/.?&=_-])/);

const flashes: Record<string, string> = {
  added: 'The webhook has been added. Every plan event from now on is sent to it.',
  removed: 'The webhook has been removed. Nothing more is sent to it.',
};

function newWebhookPage(c: Context<AppEnv>, values: { url: string }, errors: Record<string, string>, status = 200) {
  return renderPage(c, 'webhooks/new', { title: 'Add a webhook', values, errors, backLink: back }, status);
}

export const webhookRoutes = new Hono<AppEnv>()
  .get('/admin/webhooks', async (c) => {
    const admin = requireAdmin(c, 'page');
    const { db } = c.get('services');
    const [hooks, log] = await Promise.all([listWebhooks(db.kysely, admin.organisationId), deliveryLog(db.kysely, admin.organisationId)]);
    const done = c.req.query('done');
    return renderPage(c, 'webhooks/index', {
      title: 'Webhooks', nav: adminNav('webhooks'),
      flash: done && flashes[done] ? flashes[done] : null,
      webhooks: hooks.map((h) => ({ id: h.id, url: h.url, urlParts: wrappable(h.url), added: formatDateTime(h.created_at), addedBy: h.created_by_name })),
      deliveries: log.map((d) => ({
        event: d.event_type, seq: d.event_seq, planId: d.plan_id, url: d.url, queued: formatDateTime(d.created_at),
        status: statusTags[d.delivery] ?? { text: d.delivery, colour: 'grey' }, attempts: d.attempts,
        result: d.delivery === 'delivered' ? `Answered ${d.last_status} on ${formatDateTime(d.delivered_at!)}`
          : [d.last_error, d.delivery === 'pending' && d.attempts > 0 ? `next try ${formatDateTime(d.next_attempt_at)}` : null].filter(Boolean).join('; ') || 'Not sent yet',
      })),
    });
  })
  .get('/admin/webhooks/new', (c) => {
    requireAdmin(c, 'page');
    return newWebhookPage(c, { url: '' }, {});
  })
  .post('/admin/webhooks', async (c) => {
    const admin = requireAdmin(c, 'page');
    const { db, clock, config } = c.get('services');
    const form = await readForm(c);
    const input = { url: field(form, 'url'), secret: field(form, 'secret') };
    const parsed = newWebhookSchema.safeParse(input);
    const errors = parsed.success ? await targetErrors(parsed.data, config) : toFieldErrors(parsed.error);
    // The secret is never sent back into the page, even to the person who typed it.
    if (!parsed.success || errors.length > 0) return newWebhookPage(c, { url: input.url }, errorsByField(errors), 422);
    await insertWebhook(db.kysely, { organisationId: admin.organisationId, createdBy: admin.id, at: clock().toISOString(), ...parsed.data });
    return c.redirect('/admin/webhooks?done=added', 303);
  })
  .get('/admin/webhooks/:id/remove', async (c) => {
    const admin = requireAdmin(c, 'page');
    const hook = await findWebhook(c.get('services').db.kysely, admin.organisationId, c.req.param('id'));
    if (!hook) throw new PageNotFoundError();
    return renderPage(c, 'webhooks/remove', { title: 'Remove a webhook', hook: { ...hook, urlParts: wrappable(hook.url) }, backLink: back });
  })
  .post('/admin/webhooks/:id/remove', async (c) => {
    const admin = requireAdmin(c, 'page');
    const { db, clock } = c.get('services');
    if (!(await removeWebhook(db.kysely, admin.organisationId, c.req.param('id'), clock().toISOString()))) throw new PageNotFoundError();
    return c.redirect('/admin/webhooks?done=removed', 303);
  });

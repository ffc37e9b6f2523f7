import { Hono } from 'hono';
import { composeEmail } from '../../notifications/email.js';
import { kindLabel, presentNotification } from '../../notifications/notifications.presenter.js';
import { mailboxOf, markRead, markReadUpTo, notificationsFor } from '../../notifications/outbox.js';
import { forNameOf } from '../../notifications/sender.js';
import { formatDateTime } from '../../presenters/format.js';
import type { AppEnv } from '../context.js';
import { field, readForm } from '../body.js';
import { errorPage } from '../errors.js';
import { renderPage, requireUser } from '../render.js';

// A person's notifications: what waits for them (with what it asks, by when,
// and a link to act), news, and what is done; marking them read is a button
// (reading a page never writes). And, while no SMTP server is set, the
// development mailbox: the emails the service would have sent, in full, so a
// demo or a developer can follow the mail. Each person sees only their own;
// an administrator sees their trust's.

const flashes: Record<string, string> = { all: 'Your notifications are marked as read', one: 'The notification is marked as read' };

export const notificationRoutes = new Hono<AppEnv>()
  .get('/notifications', async (c) => {
    const user = requireUser(c);
    const { db, clock } = c.get('services');
    const rows = await notificationsFor(db.kysely, user.id);
    const shown = rows.map((row) => presentNotification(row, clock()));
    const waiting = shown.filter((n) => n.asked && !n.isDone);
    const newCount = shown.filter((n) => n.isNew).length;
    const sections = [
      { id: 'waiting', heading: 'Waiting for you', hint: null, items: waiting },
      { id: 'news', heading: 'News', hint: null, items: shown.filter((n) => !n.asked && !n.isDone) },
      { id: 'done', heading: 'Done', hint: 'Things you were asked that nobody is waiting for any more: you or someone else did them, or the plan moved on.', items: shown.filter((n) => n.isDone) },
    ].filter((s) => s.items.length > 0);
    const waits = waiting.length === 0 ? 'Nothing is waiting for you.' : waiting.length === 1 ? '1 thing is waiting for you.' : `${waiting.length} things are waiting for you.`;
    return renderPage(c, 'notifications/index', {
      title: 'Notifications', sections, newCount, intro: `${newCount ? `You have ${newCount} new.` : 'Nothing new.'} ${waits}`,
      upTo: rows[0]?.seq ?? 0, flash: flashes[c.req.query('read') ?? ''] ?? null,
      backLink: { href: '/', text: 'Back to your plans' },
    });
  })
  .post('/notifications/read', async (c) => {
    const user = requireUser(c);
    const { db, clock } = c.get('services');
    // Up to the newest one the person saw: anything that arrived since stays unread.
    const upTo = Number(field(await readForm(c), 'upTo'));
    if (Number.isSafeInteger(upTo) && upTo > 0) await markReadUpTo(db.kysely, user.id, upTo, clock().toISOString());
    return c.redirect('/notifications?read=all', 303);
  })
  .post('/notifications/:id/read', async (c) => {
    const user = requireUser(c);
    const { db, clock } = c.get('services');
    const id = c.req.param('id');
    if (!(await markRead(db.kysely, user.id, id, clock().toISOString()))) return errorPage(c, 404, 'Page not found', 'If you typed the web address, check it is correct.');
    return c.redirect('/notifications?read=one', 303);
  })
  .get('/dev/mailbox', async (c) => {
    const { db, config } = c.get('services');
    if (config.SMTP_URL) return errorPage(c, 404, 'Page not found', 'If you typed the web address, check it is correct.');
    const user = requireUser(c);
    const rows = await mailboxOf(db.kysely, user);
    const messages = [];
    for (const row of rows) {
      const email = composeEmail(row, config.APP_URL, await forNameOf(c.get('services'), row));
      messages.push({
        id: row.id, subject: row.subject, kind: kindLabel(row.kind), href: row.path, at: formatDateTime(row.created_at),
        to: `${row.recipient_name} <${row.email}>`, text: email.text, delivery: row.delivery, calendar: row.calendar !== null,
        htmlHref: `/dev/mailbox/${row.id}/html`,
      });
    }
    return renderPage(c, 'notifications/mailbox', { title: 'Development mailbox', forTrust: user.role === 'admin', messages });
  })
  .get('/dev/mailbox/:id/html', async (c) => {
    const { db, config } = c.get('services');
    if (config.SMTP_URL) return errorPage(c, 404, 'Page not found', 'If you typed the web address, check it is correct.');
    const user = requireUser(c);
    const row = (await mailboxOf(db.kysely, user, 1, c.req.param('id')))[0];
    if (!row) return errorPage(c, 404, 'Page not found', 'If you typed the web address, check it is correct.');
    return c.html(composeEmail(row, config.APP_URL, await forNameOf(c.get('services'), row)).html);
  });

import { Hono } from 'hono';
import { mailboxOf, markReadUpTo, notificationsFor, type NotificationRow } from '../../notifications/outbox.js';
import { emailText } from '../../notifications/messages.js';
import { formatDateTime } from '../../presenters/format.js';
import type { AppEnv } from '../context.js';
import { field, readForm } from '../body.js';
import { errorPage } from '../errors.js';
import { renderPage, requireUser } from '../render.js';

// A person's notifications (opening the page marks them read), and, while no
// SMTP server is set, the development mailbox: the emails the service would
// have sent, in full, so a demo or a developer can follow the mail. Each
// person sees only their own; an administrator sees their trust's.

const kindLabels: Record<string, string> = {
  handover: 'Waiting for you', 'changes-requested': 'Changes asked for', 'returned-for-changes': 'Returned for changes',
  declined: 'Declined', 'meeting-scheduled': 'Meeting arranged', reminder: 'Reminder', escalation: 'Escalation',
  'document-authorisation': 'To authorise', invitation: 'Invitation', 'password-reset': 'Password reset',
};

const present = (row: NotificationRow) => ({
  id: row.id, subject: row.subject, href: row.path, kind: kindLabels[row.kind] ?? row.kind,
  at: formatDateTime(row.created_at), unread: row.read_at === null,
  tagColour: row.kind === 'escalation' ? 'red' : row.kind === 'reminder' ? 'orange' : 'blue',
});

export const notificationRoutes = new Hono<AppEnv>()
  .get('/notifications', async (c) => {
    const user = requireUser(c);
    const { db } = c.get('services');
    const rows = await notificationsFor(db.kysely, user.id);
    // Reading a page never writes: marking as read is the button's POST below.
    return renderPage(c, 'notifications/index', {
      title: 'Notifications', notifications: rows.map(present), unread: rows.filter((r) => r.read_at === null).length,
      upTo: rows[0]?.seq ?? 0, flash: c.req.query('read') ? 'Your notifications are marked as read' : null,
      backLink: { href: '/', text: 'Back to your plans' },
    });
  })
  .post('/notifications/read', async (c) => {
    const user = requireUser(c);
    const { db, clock } = c.get('services');
    // Up to the newest one the person saw: anything that arrived since stays unread.
    const upTo = Number(field(await readForm(c), 'upTo'));
    if (Number.isSafeInteger(upTo) && upTo > 0) await markReadUpTo(db.kysely, user.id, upTo, clock().toISOString());
    return c.redirect('/notifications?read=1', 303);
  })
  .get('/dev/mailbox', async (c) => {
    const { db, config } = c.get('services');
    if (config.SMTP_URL) return errorPage(c, 404, 'Page not found', 'If you typed the web address, check it is correct.');
    const user = requireUser(c);
    const rows = await mailboxOf(db.kysely, user);
    return renderPage(c, 'notifications/mailbox', {
      title: 'Development mailbox', forTrust: user.role === 'admin',
      messages: rows.map((row) => ({
        ...present(row), to: `${row.recipient_name} <${row.email}>`, link: `${config.APP_URL}${row.path}`,
        text: emailText(row.body, `${config.APP_URL}${row.path}`, row.kind), delivery: row.delivery, calendar: row.calendar !== null,
      })),
    });
  });

import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { compileOptions } from '../http/view.js';
import { ROOT } from '../paths.js';
import type { NotificationRow } from './outbox.js';

// Each email, written from its notification: what happened, what the reader
// is asked to do and by when, the plan in two lines, and the link; as plain
// text and as simple HTML (templates/emails/notification.hbs: escaped by
// Handlebars, no remote images, readable without its styles).

export interface ComposedEmail {
  subject: string;
  text: string;
  html: string;
}

const linkLabels: Record<string, string> = { invitation: 'Set up your account', 'password-reset': 'Choose a new password' };

const WEEKDAY_DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

/** "Tuesday 15 December 2026": a due date in words, in UK time (the NHS style has no comma after the day). */
export function dayInWords(iso: string): string {
  const parts = Object.fromEntries(WEEKDAY_DATE.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
}

/** "by Tuesday 15 December 2026", or, when that has passed, "as soon as you can: it was due by …". */
export function byWhen(dueAt: string | null, at: string): string | null {
  if (!dueAt) return null;
  return dueAt > at ? `by ${dayInWords(dueAt)}` : `as soon as you can: it was due by ${dayInWords(dueAt)}`;
}

export interface Ask {
  heading: string;
  what: string;
  when: string | null;
}

/** What the row asks, in sentences; null for news. `forName` is the person a copy in cover was asked of. */
export function askOf(row: Pick<NotificationRow, 'asked' | 'due_at' | 'created_at'>, forName?: string | null): Ask | null {
  if (!row.asked) return null;
  const when = byWhen(row.due_at, row.created_at);
  const what = `${row.asked.charAt(0).toUpperCase()}${row.asked.slice(1)}.`;
  return {
    heading: forName ? `What ${forName} is asked to do` : 'What you need to do',
    what,
    when: when && `Please do this ${when}.`,
  };
}

const linkText = (row: Pick<NotificationRow, 'kind' | 'path'>) => linkLabels[row.kind]
  ?? (/\/documents\//.test(row.path) ? 'Open the document' : row.path.startsWith('/plans/') ? 'Open the plan'
    : row.path === '/' ? 'Open your plans' : 'Open your notifications');

const paragraphsOf = (text: string) => text.split(/\r?\n\s*\r?\n/).map((p) => p.split(/\r?\n/).map((line) => line.trimEnd()).filter(Boolean)).filter((p) => p.length);

const FOOTER = 'You get this email because you take part in this plan on Clinical academic plans.';

let template: Handlebars.TemplateDelegate | undefined;
const htmlTemplate = () => (template ??= Handlebars.create().compile(
  fs.readFileSync(path.join(ROOT, 'templates', 'emails', 'notification.hbs'), 'utf8'), compileOptions,
));

export function composeEmail(row: NotificationRow, appUrl: string, forName?: string | null): ComposedEmail {
  const link = `${appUrl}${row.path}`;
  const ask = askOf(row, forName);
  const summary = row.summary ? row.summary.split('\n') : null;
  const label = linkText(row);
  const footer = row.plan_id ? FOOTER : null;
  const text = [
    `Dear ${row.recipient_name},`,
    row.body,
    ...(ask ? [`${ask.heading}: ${ask.what.charAt(0).toLowerCase()}${ask.what.slice(1)}${ask.when ? `\n${ask.when}` : ''}`] : []),
    ...(summary ? [`The plan:\n${summary.join('\n')}`] : []),
    `${label}: ${link}`,
    ...(footer ? [`${footer} Your notifications: ${appUrl}/notifications`] : []),
  ].join('\n\n');
  const html = htmlTemplate()({
    subject: row.subject, name: row.recipient_name, paragraphs: paragraphsOf(row.body), ask, summary, link, linkText: label,
    footer, notificationsLink: `${appUrl}/notifications`,
  });
  return { subject: row.subject, text: `${text}\n`, html };
}

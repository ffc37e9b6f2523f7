import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { toCount } from '../db/connect.js';
import { param, runPrepared } from '../db/prepared.js';
import type { Database } from '../db/database.js';
import type { NotificationsTable } from '../db/tables/notifications.js';

// The outbox: one row per person told, written in the transaction of the
// change that caused it (so a rolled-back change tells nobody, and a
// committed one is never forgotten). The same row is the in-app notification
// and, delivered later by the sender, the email.

export const notificationKinds = [
  'handover', 'changes-requested', 'returned-for-changes', 'declined', 'meeting-scheduled',
  'reminder', 'escalation', 'document-authorisation', 'agenda', 'mediation', 'invitation', 'password-reset',
  'comment', 'application-submitted', 'outcome', 'reassigned', 'withdrawn', 'conditions', 'training-started', 'award-completed',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/**
 * Emails whose link is itself a secret (an invitation, a password reset): the
 * link is kept only until the email is handed to the SMTP server, then taken
 * out of the row (src/notifications/sender.ts).
 */
export const SECRET_LINK_KINDS: ReadonlySet<string> = new Set<NotificationKind>(['invitation', 'password-reset']);
/** Where such a row points once its link is taken out. */
export const SECRET_LINK_REMOVED = '/sign-in';

/** An account (its email and name are looked up), or an address with no account behind it. */
export type Recipient = { userId: string } | { email: string; name: string };

export interface NotificationInput {
  planId: string | null;
  to: Recipient;
  kind: NotificationKind;
  /** Names the plan and what is asked, e.g. 'Please authorise the training agreement for "Falls research"'. */
  subject: string;
  /** Plain text paragraphs; the link to `path` is added to the email. */
  body: string;
  /** The page the message links to, under APP_URL; the plan's page when left out. */
  path?: string;
  /** An iCalendar file to send with the email. */
  calendar?: string | null;
  /** When it happened: the event's own time (`change.event.at`). */
  at: string;
  /** What it is about (src/notifications/tasks.ts): the reader's older row on the same topic is superseded by this one. */
  topic?: string | null;
  /** What the reader is asked to do, in words; absent for news. */
  asked?: string | null;
  /** By when (ISO 8601). */
  dueAt?: string | null;
  /** The plan in two lines (src/notifications/summary.ts). */
  summary?: string | null;
  /** A copy for a colleague covering: the person it was asked of. */
  forUserId?: string | null;
}

export type NotificationRow = Selectable<NotificationsTable>;

/**
 * Queue one notification inside the caller's transaction (`change.trx` in an
 * onTransition extension). Returns its id, or null when `to.userId` names no
 * account. Delivery is left to the background sender: nothing here waits on SMTP.
 */
export async function queueNotification(trx: Kysely<Database>, input: NotificationInput): Promise<string | null> {
  let recipient: { userId: string | null; email: string; name: string };
  if ('userId' in input.to) {
    const user = await trx.selectFrom('users').select(['email', 'name', 'deactivated_at']).where('id', '=', input.to.userId).executeTakeFirst();
    // A deactivated account is told nothing more: the person has left.
    if (!user || user.deactivated_at) return null;
    recipient = { userId: input.to.userId, email: user.email, name: user.name };
  } else {
    recipient = { userId: null, email: input.to.email, name: input.to.name };
  }
  const id = randomUUID();
  await trx.insertInto('notifications').values({
    id, plan_id: input.planId, user_id: recipient.userId, email: recipient.email, recipient_name: recipient.name,
    kind: input.kind, subject: input.subject, body: input.body,
    path: input.path ?? (input.planId ? `/plans/${input.planId}` : '/notifications'),
    calendar: input.calendar ?? null, created_at: input.at, read_at: null,
    delivery: 'pending', attempts: 0, next_attempt_at: input.at, last_error: null, claimed_by: null, claimed_until: null, delivered_at: null,
    topic: input.topic ?? null, asked: input.asked ?? null, due_at: input.dueAt ?? null, done_at: null, superseded_by: null,
    for_user_id: input.forUserId ?? null, summary: input.summary ?? null,
  }).execute();
  if (recipient.userId && input.planId) await supersedeOlder(trx, id, recipient.userId, input as NotificationInput & { planId: string });
  return id;
}

/**
 * A person's list shows one row a topic: a reminder replaces the request it follows up, a new version of a
 * document the request for the old one, a rearranged meeting the first invitation. Without a topic, only an
 * identical message still unread is replaced. Every row stays, with its email, as the history of what was sent.
 */
async function supersedeOlder(trx: Kysely<Database>, id: string, userId: string, input: NotificationInput & { planId: string }) {
  let older = trx.updateTable('notifications').set({ superseded_by: id })
    .where('plan_id', '=', input.planId).where('user_id', '=', userId).where('id', '!=', id).where('superseded_by', 'is', null);
  older = input.topic
    ? older.where('topic', '=', input.topic)
    : older.where('topic', 'is', null).where('kind', '=', input.kind).where('subject', '=', input.subject)
      .where('body', '=', input.body).where('read_at', 'is', null);
  await older.execute();
}

/** A person's notifications as listed (none superseded), newest first, with the name of whoever a copy in cover was for. */
export function notificationsFor(db: Kysely<Database>, userId: string, limit = 100, onlyId?: string) {
  let query = db.selectFrom('notifications as n').leftJoin('users as absent', 'absent.id', 'n.for_user_id')
    .selectAll('n').select('absent.name as for_user_name')
    .where('n.user_id', '=', userId).where('n.superseded_by', 'is', null);
  if (onlyId !== undefined) query = query.where('n.id', '=', onlyId);
  return query.orderBy('n.seq', 'desc').limit(limit).execute();
}

export type ListedNotification = Awaited<ReturnType<typeof notificationsFor>>[number];

/** New: not read, not done, not superseded. */
export async function unreadCount(db: Kysely<Database>, userId: string): Promise<number> {
  // On every page (the header's count), so built once.
  const { rows: [row] } = await runPrepared(db, 'unreadCount', () => db.selectFrom('notifications').select((eb) => eb.fn.countAll().as('n'))
    .where('user_id', '=', param('userId')).where('read_at', 'is', null).where('done_at', 'is', null).where('superseded_by', 'is', null),
  { userId });
  return toCount(row?.n as string | number | undefined);
}

/** Mark as read what this person has been shown: up to the newest row listed, not one that arrived since. */
export async function markReadUpTo(db: Kysely<Database>, userId: string, upToSeq: number, at: string): Promise<void> {
  await db.updateTable('notifications').set({ read_at: at })
    .where('user_id', '=', userId).where('seq', '<=', upToSeq).where('read_at', 'is', null).execute();
}

/** Mark one of this person's notifications as read; false when they have no such notification. */
export async function markRead(db: Kysely<Database>, userId: string, id: string, at: string): Promise<boolean> {
  const found = await db.selectFrom('notifications').select(['read_at']).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  if (!found) return false;
  if (found.read_at === null) await db.updateTable('notifications').set({ read_at: at }).where('id', '=', id).where('user_id', '=', userId).execute();
  return true;
}

/**
 * The development mailbox of one person, newest first: messages to their
 * account or their address; for an administrator, every message of their own
 * trust (to its people, or about its plans).
 */
export function mailboxOf(
  db: Kysely<Database>, viewer: { id: string; email: string; role: string; organisationId: string }, limit = 200, onlyId?: string,
): Promise<NotificationRow[]> {
  return db.selectFrom('notifications as n')
    .leftJoin('plans as p', 'p.id', 'n.plan_id')
    .leftJoin('users as u', 'u.id', 'n.user_id')
    .selectAll('n')
    .where((eb) => eb.or([
      eb('n.user_id', '=', viewer.id),
      eb('n.email', '=', viewer.email),
      ...(viewer.role === 'admin' ? [eb('p.organisation_id', '=', viewer.organisationId), eb('u.organisation_id', '=', viewer.organisationId)] : []),
    ]))
    .$if(onlyId !== undefined, (q) => q.where('n.id', '=', onlyId!))
    .orderBy('n.seq', 'desc').limit(limit).execute();
}

import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/database.js';
import type { AdminEventsTable } from '../db/tables/accounts.js';

// The administration log: every change an administrator makes, and every use
// of an invitation or reset link, with who, when, and what it was before and
// after. Written in the transaction of the change it records; the database
// refuses to update or delete it (see the migration's triggers).

export type AdminAction =
  | 'organisation.created' | 'organisation.changed'
  | 'user.invited' | 'user.invitation-resent' | 'user.role-changed' | 'user.deactivated' | 'user.reactivated'
  | 'invitation.accepted' | 'password.changed' | 'password.reset-requested' | 'password.reset';

export interface AdminEventInput {
  trustId: string;
  at: string;
  actorId: string | null;
  action: AdminAction;
  subject: { kind: 'user' | 'organisation'; id: string };
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export type AdminEventRow = Selectable<AdminEventsTable>;

export async function recordAdminEvent(trx: Kysely<Database>, event: AdminEventInput): Promise<void> {
  await trx.insertInto('admin_events').values({
    id: randomUUID(), trust_id: event.trustId, at: event.at, actor_id: event.actorId, action: event.action,
    subject_kind: event.subject.kind, subject_id: event.subject.id,
    before: event.before ? JSON.stringify(event.before) : null, after: event.after ? JSON.stringify(event.after) : null,
  }).execute();
}

export interface AdminLogEntry extends AdminEventRow {
  actor_name: string | null;
  subject_name: string | null;
}

/** A trust's log, newest first, with the names of who acted and on whom (accounts are never deleted). */
export function adminLog(db: Kysely<Database>, trustId: string, { limit, offset }: { limit: number; offset: number }): Promise<AdminLogEntry[]> {
  return db.selectFrom('admin_events')
    .leftJoin('users as actor', 'actor.id', 'admin_events.actor_id')
    .leftJoin('users as subject_user', 'subject_user.id', 'admin_events.subject_id')
    .leftJoin('organisations as subject_org', 'subject_org.id', 'admin_events.subject_id')
    .selectAll('admin_events')
    .select((eb) => ['actor.name as actor_name', eb.fn.coalesce('subject_user.name', 'subject_org.name').as('subject_name')])
    .where('admin_events.trust_id', '=', trustId)
    .orderBy('admin_events.at', 'desc').orderBy('admin_events.id')
    .limit(limit).offset(offset)
    .execute();
}

import { sql, type Kysely } from 'kysely';

// Notifications that help (issue 17): what each one is about (its topic),
// what it asks of the reader and by when, the plan's two-line summary, whether
// it is done (the reader no longer has it to do) or superseded by a newer one
// on the same topic, and, for a copy sent to a colleague covering, whose it
// is. Rows written before this change are given topics from their kind and
// plan, and those already stale are marked done, so that nobody's list starts
// with old "Action needed" still new. Frozen.

const columns = ['topic', 'asked', 'due_at', 'done_at', 'superseded_by', 'for_user_id', 'summary'] as const;

/** Is the plan still waiting on the row's reader, by the plan row's own columns? */
const planWaitsOnReader = sql`exists (select 1 from plans p join users u on u.id = notifications.user_id
  where p.id = notifications.plan_id and p.awaiting_role = u.role
    and ((u.role = 'clinician' and p.clinician_id = u.id) or (u.role = 'manager' and p.manager_id = u.id)
      or (u.role = 'supervisor' and p.supervisor_id = u.id) or (u.role in ('rdLead', 'admin') and p.organisation_id = u.organisation_id)))`;

/** Does the document the row links to still wait for the reader's signature (current version, plan still open)? */
const signatureStillOwed = sql`exists (select 1 from documents d
  join document_signatures s on s.document_id = d.id join plans p on p.id = d.plan_id
  where notifications.path = '/plans/' || d.plan_id || '/documents/' || d.id and s.user_id = notifications.user_id
    and s.authorised_at is null and p.awaiting_role is not null
    and not exists (select 1 from documents newer where newer.plan_id = d.plan_id and newer.kind = d.kind and newer.number > d.number))`;

export async function up(db: Kysely<any>): Promise<void> {
  for (const column of columns) await db.schema.alterTable('notifications').addColumn(column, 'text').execute();
  // The rows of one plan still to check after each of its changes, and the rows a newer one supersedes.
  await db.schema.createIndex('notifications_plan_topic').on('notifications').columns(['plan_id', 'topic']).execute();

  const now = new Date().toISOString();
  const mine = sql`plan_id is not null and user_id is not null and topic is null`;
  await sql`update notifications set topic = 'sign:' || (select d.kind from documents d
      where notifications.path = '/plans/' || d.plan_id || '/documents/' || d.id)
    where ${mine} and kind in ('document-authorisation', 'reminder') and path like '%/documents/%'`.execute(db);
  await sql`update notifications set done_at = ${now} where topic like 'sign:%' and not ${signatureStillOwed}`.execute(db);
  await sql`update notifications set topic = 'wait:' || (select p.state from plans p where p.id = notifications.plan_id)
    where ${mine} and kind in ('handover', 'reminder')`.execute(db);
  await sql`update notifications set done_at = ${now} where topic like 'wait:%' and not ${planWaitsOnReader}`.execute(db);
  await sql`update notifications set topic = 'follow-up:' || (select p.state from plans p where p.id = notifications.plan_id)
    where ${mine} and kind = 'escalation'`.execute(db);
  await sql`update notifications set done_at = ${now} where topic like 'follow-up:%' and not exists (select 1 from plans p
    where p.id = notifications.plan_id and p.awaiting_role is not null and p.waiting_since <= notifications.created_at)`.execute(db);
  await sql`update notifications set topic = 'meeting' where ${mine} and kind = 'meeting-scheduled'`.execute(db);
  // Of several rows on one topic for one person, the list shows the newest.
  await sql`update notifications set superseded_by = (select n2.id from notifications n2
      where n2.plan_id = notifications.plan_id and n2.user_id = notifications.user_id and n2.topic = notifications.topic
      order by n2.seq desc limit 1)
    where topic is not null and user_id is not null and seq < (select max(n3.seq) from notifications n3
      where n3.plan_id = notifications.plan_id and n3.user_id = notifications.user_id and n3.topic = notifications.topic)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('notifications_plan_topic').execute();
  for (const column of [...columns].reverse()) await db.schema.alterTable('notifications').dropColumn(column).execute();
}

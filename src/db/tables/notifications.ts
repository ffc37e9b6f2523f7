import type { Generated } from 'kysely';

// The outbox and the in-app notifications (one row is both: what a person
// sees in the app and the email sent to them), and the reminder timers:
// one a plan for its wait, and one a signatory for each document to authorise.

export interface NotificationsTable {
  /** Database order of creation: ties in created_at (one transaction, one clock tick) still sort. */
  seq: Generated<number>;
  id: string;
  plan_id: string | null;
  /** The account told; null for someone without one (a supervisor outside the service), who gets the email only. */
  user_id: string | null;
  email: string;
  recipient_name: string;
  kind: string;
  subject: string;
  /** Plain text; the link to `path` under APP_URL is added when the email is written. */
  body: string;
  path: string;
  /** An iCalendar file sent with the email (the supervisor meeting), or null. */
  calendar: string | null;
  created_at: string;
  read_at: string | null;
  /** pending → sent (SMTP), logged (no SMTP_URL: kept for the development mailbox), or failed (gave up). */
  delivery: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  claimed_by: string | null;
  claimed_until: string | null;
  delivered_at: string | null;
  /**
   * What it is about, for this plan and reader: a newer row on the same topic supersedes the older. Things
   * asked of the reader (`wait:<state>`, `points`, `sign:<kind>`, `conditions`, `follow-up:…`, `help:…`) are
   * marked done once the plan no longer asks them (src/notifications/tasks.ts); other topics only group.
   */
  topic: string | null;
  /** What the reader is asked to do, in words ("agree in principle, ask for changes or decline"); null for news. */
  asked: string | null;
  /** By when (ISO 8601), when what is asked has a due date. */
  due_at: string | null;
  /** When the reader no longer had it to do: they did it, someone else did, or the plan moved on. */
  done_at: string | null;
  /** The id of the newer row on the same topic that the list shows instead. */
  superseded_by: string | null;
  /** For a copy sent to a colleague covering: the person it was asked of. */
  for_user_id: string | null;
  /** Two lines: the plan (title, clinician) and where it stands, when the row was written. */
  summary: string | null;
}

/** The next reminder or escalation of a plan that waits on someone: at most one a plan. */
export interface PlanTimersTable {
  plan_id: string;
  kind: string;
  fire_at: string;
}

/** A signatory's next reminder or escalation for a document they have still to authorise: at most one each. */
export interface SignatureTimersTable {
  document_id: string;
  user_id: string;
  plan_id: string;
  kind: string;
  fire_at: string;
}

export interface NotificationTables {
  notifications: NotificationsTable;
  plan_timers: PlanTimersTable;
  signature_timers: SignatureTimersTable;
}

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

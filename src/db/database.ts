import type { Generated } from 'kysely';
import type { AuditTables } from './tables/audit.js';
import type { DocumentTables } from './tables/documents.js';
import type { NotificationTables } from './tables/notifications.js';

// Table types. Timestamps are ISO 8601 text on both dialects so that values
// compare, sort and hash the same on SQLite and PostgreSQL; ids are UUIDs made
// by the application.

export interface OrganisationsTable {
  id: string;
  name: string;
  kind: string;
  created_at: string;
}

export interface UsersTable {
  id: string;
  organisation_id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  created_at: string;
}

export interface PlansTable {
  id: string;
  organisation_id: string;
  clinician_id: string;
  manager_id: string;
  supervisor_id: string | null;
  title: string;
  /** Dotted state value, e.g. `backfillPlan.awaitingManager`. */
  state: string;
  top_state: string;
  step: string | null;
  awaiting_role: string | null;
  /** When the plan started waiting on `awaiting_role`. */
  waiting_since: string | null;
  due_at: string | null;
  snapshot: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface PlanEventsTable {
  plan_id: string;
  seq: number;
  type: string;
  actor_id: string | null;
  actor_role: string;
  actor_organisation_id: string | null;
  at: string;
  payload: string;
  state_before: string | null;
  state_after: string;
  prev_hash: string;
  hash: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's value: a stolen database does not give working cookies. */
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  /** When the session was last used (at most a minute out): it ends SESSION_IDLE_MINUTES after. Null until first touched. */
  last_seen_at: string | null;
}

export interface LoginAttemptsTable {
  key: string;
  failures: number;
  window_start: string;
  locked_until: string | null;
}

export interface Database extends DocumentTables, NotificationTables, AuditTables {
  organisations: OrganisationsTable;
  users: UsersTable;
  plans: PlansTable;
  plan_events: PlanEventsTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
}

/** Rows whose ids the database makes, kept for future tables. */
export type Serial = Generated<number>;

import type { Generated } from 'kysely';
import type { AccountTables } from './tables/accounts.js';
import type { AuditTables } from './tables/audit.js';
import type { DocumentTables } from './tables/documents.js';
import type { IntegrationTables } from './tables/integrations.js';
import type { NotificationTables } from './tables/notifications.js';
import type { PlanningTables } from './tables/planning.js';
import type { ReportTables } from './tables/reports.js';

// Table types. Timestamps are ISO 8601 text on both dialects so that values
// compare, sort and hash the same on SQLite and PostgreSQL; ids are UUIDs made
// by the application.

export interface OrganisationsTable {
  id: string;
  name: string;
  kind: string;
  created_at: string;
  /** The trust whose administrators manage it: a trust itself, a university the trust that added it (1.1). */
  trust_id: string | null;
}

export interface UsersTable {
  id: string;
  organisation_id: string;
  email: string;
  name: string;
  role: string;
  /** `!` for an account that has no password (invited, or single sign-on only). */
  password_hash: string;
  created_at: string;
  /** When the person first set a password or signed in; null while only invited (1.1). */
  activated_at: string | null;
  /** When an administrator deactivated the account; null while it may sign in (1.1). */
  deactivated_at: string | null;
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
  /** Points of the agenda waiting on each party (1.1). */
  points_for_clinician: number;
  points_for_manager: number;
  /** When R&D was asked to help with the disagreement going on now. */
  rd_help_since: string | null;
  /** After the award: conditions still waiting on each role (1.1). */
  conditions_for_clinician: number;
  conditions_for_manager: number;
  conditions_for_rd: number;
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

/** A form someone saved to finish later: theirs alone, and no event. */
export interface FormDraftsTable {
  user_id: string;
  plan_id: string;
  /** Which form: an event type, or a page of a form (`PROPOSE_POINT:people`). */
  form: string;
  /** The form's values as the page shows them, JSON. */
  values: string;
  plan_version: number;
  saved_at: string;
}

/** The version of a plan a person last looked at. */
export interface PlanViewsTable {
  user_id: string;
  plan_id: string;
  version: number;
  seen_at: string;
}

/** When to ask R&D to help with the disagreement that began at `since` (DUE_DAYS_DISAGREEMENT later). */
export interface MediationTimersTable {
  plan_id: string;
  since: string;
  fire_at: string;
}

/** Someone away names a colleague of the same role and organisation to act for them between two dates. */
export interface CoversTable {
  /** The person away. */
  user_id: string;
  delegate_id: string;
  /** Dates (YYYY-MM-DD, Europe/London), both included. */
  starts_on: string;
  ends_on: string;
  created_at: string;
}

export interface Database extends DocumentTables, NotificationTables, AccountTables, PlanningTables, ReportTables, IntegrationTables, AuditTables {
  covers: CoversTable;
  form_drafts: FormDraftsTable;
  mediation_timers: MediationTimersTable;
  plan_views: PlanViewsTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  plans: PlansTable;
  plan_events: PlanEventsTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
}

/** Rows whose ids the database makes, kept for future tables. */
export type Serial = Generated<number>;

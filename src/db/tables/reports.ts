// What reports read, kept beside the plan in the transaction of each event
// (src/reports/reports.extension.ts), so that no report parses a snapshot or
// walks the audit trail (DESIGN section 4).

/** One row a plan: the facts a report groups and sums by. */
export interface PlanReportsTable {
  plan_id: string;
  organisation_id: string;
  /** When the plan was created: the report's date range selects on this. */
  created_at: string;
  /** When the clinician first submitted it for agreement; null while it is their private draft. */
  shared_at: string | null;
  /** The top-level state (`application`, never `application.submitted`). */
  top_state: string;
  profession: string | null;
  opportunity_level: string | null;
  scheme: string | null;
  /** The accepted terms' estimated backfill cost a year, in whole pounds; null until terms are accepted. */
  agreed_backfill_cost_per_year: number | null;
  applications_submitted: number;
  applications_awarded: number;
  applications_not_awarded: number;
}

/** Each stay of a shared plan in a top-level step, finished or still going. */
export interface PlanStaysTable {
  plan_id: string;
  /** The audit event that began the stay (1 for the plan's first step). */
  seq: number;
  organisation_id: string;
  plan_created_at: string;
  step: string;
  entered_at: string;
  left_at: string | null;
  /** The same two times in milliseconds since 1970, so both databases can subtract them. */
  entered_ms: number;
  left_ms: number | null;
}

export interface ReportTables {
  plan_reports: PlanReportsTable;
  plan_stays: PlanStaysTable;
}

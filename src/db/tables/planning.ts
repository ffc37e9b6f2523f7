// Backward planning from the funding call (issue 18).

export interface OrganisationLeadTimesTable {
  organisation_id: string;
  /** A step of the timeline (src/planning/timeline.ts), such as `rdReview`. */
  step: string;
  working_days: number;
  updated_at: string;
  updated_by: string | null;
}

/** One row per open plan with a call deadline: its first unfinished step and the days it turns at risk and late. */
export interface PlanTimelinesTable {
  plan_id: string;
  step: string;
  /** YYYY-MM-DD: the step must be done by this day. */
  latest_on: string;
  /** YYYY-MM-DD: from this day the step is at risk (unless late). */
  at_risk_on: string;
  /** YYYY-MM-DD: from this day the step is late. */
  late_on: string;
}

export interface PlanningTables {
  organisation_lead_times: OrganisationLeadTimesTable;
  plan_timelines: PlanTimelinesTable;
}
